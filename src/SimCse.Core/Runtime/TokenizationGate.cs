using SimCse.Core.Batching;

namespace SimCse.Core.Runtime;

/// <summary>
/// Bounds how many large requests tokenize at once (<c>MaxConcurrentTokenizations</c>), so megabyte inputs
/// cannot take every core from the requests behind them. Requests up to <c>TokenizationGateChars</c>
/// characters cost microseconds and never wait; admission permits already bound how many there are.
/// </summary>
public sealed class TokenizationGate : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly int _thresholdChars;

    public TokenizationGate(BatchingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _thresholdChars = options.TokenizationGateChars;
        _slots = new SemaphoreSlim(options.EffectiveTokenizationConcurrency);
    }

    /// <summary>Waits for a slot when <paramref name="characters"/> exceeds the threshold; dispose the result after tokenizing.</summary>
    public async ValueTask<Slot> EnterAsync(long characters, CancellationToken cancellationToken)
    {
        if (characters <= _thresholdChars)
        {
            return default;
        }

        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Slot(_slots);
    }

    public void Dispose() => _slots.Dispose();

    /// <summary>A held slot (or none, for small requests); disposing releases it.</summary>
    public readonly struct Slot : IDisposable, IEquatable<Slot>
    {
        private readonly SemaphoreSlim? _slots;

        internal Slot(SemaphoreSlim slots) => _slots = slots;

        public static bool operator ==(Slot left, Slot right) => left.Equals(right);

        public static bool operator !=(Slot left, Slot right) => !left.Equals(right);

        public void Dispose() => _slots?.Release();

        public bool Equals(Slot other) => ReferenceEquals(_slots, other._slots);

        public override bool Equals(object? obj) => obj is Slot other && Equals(other);

        public override int GetHashCode() => _slots?.GetHashCode() ?? 0;
    }
}

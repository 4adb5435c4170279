namespace SimCse.Core.Runtime;

/// <summary>
/// Admission permits for one request's inputs, taken before any work on it (tokenization included), so
/// an overloaded service refuses a request before spending anything on it. Hand it to
/// <see cref="ModelRuntime.EmbedAsync(AdmissionTicket, IReadOnlyList{Tokenization.TokenizedInput}, string?, CancellationToken)"/>,
/// which takes the permits over; disposing a ticket that was not handed over gives them back.
/// </summary>
public sealed class AdmissionTicket : IDisposable
{
    private readonly AdmissionPermits _permits;
    private int _handedOver;

    internal AdmissionTicket(AdmissionPermits permits, int inputs)
    {
        _permits = permits;
        Inputs = inputs;
    }

    /// <summary>Inputs the permits are for.</summary>
    public int Inputs { get; }

    /// <summary>True until the permits were handed to a request or given back.</summary>
    public bool IsHeld => Volatile.Read(ref _handedOver) == 0;

    public void Dispose()
    {
        if (TryHandOver())
        {
            _permits.Release(Inputs);
        }
    }

    /// <summary>Transfers the permits to a queued request, once; false when already handed over or disposed.</summary>
    internal bool TryHandOver() => Interlocked.Exchange(ref _handedOver, 1) == 0;
}

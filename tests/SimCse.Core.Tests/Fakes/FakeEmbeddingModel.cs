using SimCse.Core.Models;
using SimCse.Core.Tokenization;

namespace SimCse.Core.Tests.Fakes;

/// <summary>
/// A model whose vectors are a function of the ids (so tests know the expected output), which records
/// every batch it sees, the thread it ran on and the concurrency hint it got, and can be told to block on a gate or to throw.
/// </summary>
public sealed class FakeEmbeddingModel : IEmbeddingModel
{
    private readonly object _sync = new();
    private readonly List<TokenizedInput[]> _batches = [];
    private readonly List<string?> _threadNames = [];
    private readonly List<int> _concurrencyHints = [];
    private readonly Queue<ForwardGate> _gates = new();
    private Exception? _throwNext;
    private int _disposeCount;

    public FakeEmbeddingModel(string id)
    {
        Id = id;
    }

    public string Id { get; }

    public int Dimensions => 4;

    public ITextTokenizer Tokenizer { get; } = new FakeTokenizer();

    public bool IsDisposed => Volatile.Read(ref _disposeCount) > 0;

    public int DisposeCount => Volatile.Read(ref _disposeCount);

    /// <summary>Batches seen, each in the order the model received it.</summary>
    public IReadOnlyList<TokenizedInput[]> Batches
    {
        get
        {
            lock (_sync)
            {
                return [.. _batches];
            }
        }
    }

    public IReadOnlyList<string?> ThreadNames
    {
        get
        {
            lock (_sync)
            {
                return [.. _threadNames];
            }
        }
    }

    /// <summary>The concurrent-pass hints of the passes that came through <see cref="Embed(IReadOnlyList{TokenizedInput}, int)"/>.</summary>
    public IReadOnlyList<int> ConcurrencyHints
    {
        get
        {
            lock (_sync)
            {
                return [.. _concurrencyHints];
            }
        }
    }

    public static float[] ExpectedVector(TokenizedInput input) =>
        [input.Length, input.Ids.Sum(), input.Ids[0], input.Ids[^1]];

    /// <summary>The next forward pass (after any already gated) blocks until the returned gate is released.</summary>
    public ForwardGate BlockNextForward()
    {
        var gate = new ForwardGate();
        lock (_sync)
        {
            _gates.Enqueue(gate);
        }

        return gate;
    }

    public void ThrowOnNextForward(Exception error)
    {
        lock (_sync)
        {
            _throwNext = error;
        }
    }

    public float[][] Embed(IReadOnlyList<TokenizedInput> batch)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        ForwardGate? gate;
        Exception? error;
        lock (_sync)
        {
            _batches.Add([.. batch]);
            _threadNames.Add(Thread.CurrentThread.Name);
            _gates.TryDequeue(out gate);
            error = _throwNext;
            _throwNext = null;
        }

        gate?.EnterAndWait();
        if (error is not null)
        {
            throw error;
        }

        return batch.Select(ExpectedVector).ToArray();
    }

    public float[][] Embed(IReadOnlyList<TokenizedInput> batch, int concurrentPasses)
    {
        lock (_sync)
        {
            _concurrencyHints.Add(concurrentPasses);
        }

        return Embed(batch);
    }

    public void Dispose() => Interlocked.Increment(ref _disposeCount);
}

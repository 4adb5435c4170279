using System.Diagnostics;

namespace SimCse.Core.Runtime;

/// <summary>
/// One caller's request while its inputs are queued or running. Only the model thread and its lanes fill
/// vectors and move the request on, possibly two passes of one request at once; the caller's cancellation
/// may only cancel the task.
/// </summary>
internal sealed class PendingRequest
{
    // Continuations must not run on the model thread: it would serve the caller's code instead of batches.
    private readonly TaskCompletionSource<EmbeddingResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly float[][] _vectors;
    private readonly long _enqueuedAt;
    private string? _resolvedModelId;
    private int _remaining;
    private TimeSpan _queueTime;

    public PendingRequest(int inputs, int tokenCount, string? modelId, CancellationToken cancellationToken)
    {
        _vectors = new float[inputs][];
        _remaining = inputs;
        TokenCount = tokenCount;
        ModelId = modelId;
        CancellationToken = cancellationToken;
        _enqueuedAt = Stopwatch.GetTimestamp();
    }

    /// <summary>The model the caller asked for; null means the active model when the request first runs.</summary>
    public string? ModelId { get; }

    /// <summary>The model chosen when the first input ran; later inputs of the request must use the same one.</summary>
    public string? ResolvedModelId => Volatile.Read(ref _resolvedModelId);

    public int TokenCount { get; }

    public CancellationToken CancellationToken { get; }

    public Task<EmbeddingResult> Task => _completion.Task;

    /// <summary>Some inputs have run and the request still waits for others.</summary>
    public bool IsPartiallyServed => ResolvedModelId is not null && !_completion.Task.IsCompleted;

    /// <summary>Nobody will use the remaining vectors: cancelled, or already failed.</summary>
    public bool IsAbandoned => _completion.Task.IsCompleted || CancellationToken.IsCancellationRequested;

    /// <summary>Records that an input is starting on <paramref name="modelId"/>; returns the queue time the first time only.</summary>
    public TimeSpan? MarkStarted(string modelId)
    {
        // Two lanes may start passes of this request at once: the first to set the id records the queue time. The
        // last Complete reads it after every pass's decrement, the first pass's included, so it sees the write.
        var queueTime = Stopwatch.GetElapsedTime(_enqueuedAt);
        if (Interlocked.CompareExchange(ref _resolvedModelId, modelId, null) is not null)
        {
            return null;
        }

        _queueTime = queueTime;
        return queueTime;
    }

    public void Complete(int index, float[] vector)
    {
        _vectors[index] = vector;
        // Interlocked: two lanes may finish passes of this request at once; the fence also publishes every vector to the last one.
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _completion.TrySetResult(new EmbeddingResult(_vectors, ResolvedModelId!, TokenCount, _queueTime));
        }
    }

    public void Fail(Exception error) => _completion.TrySetException(error);

    /// <summary>Cancels the caller's task if its token asked for it; a no-op for a request that already ended.</summary>
    public void Cancel()
    {
        if (CancellationToken.IsCancellationRequested)
        {
            _completion.TrySetCanceled(CancellationToken);
        }
    }
}

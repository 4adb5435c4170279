namespace SimCse.Core.Runtime;

/// <summary>
/// Suggests a Retry-After for refused requests: the batches ahead of a newcomer times the average batch
/// time (an exponential moving average the model thread updates), clamped to 1–60 s.
/// </summary>
internal sealed class RetryAfterEstimate(int maxBatchRequests)
{
    private static readonly TimeSpan Min = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(60);

    private long _averageBatchTicks;

    public void RecordBatch(TimeSpan duration)
    {
        // Only the model thread writes; readers may see the previous value, which is harmless.
        var previous = Interlocked.Read(ref _averageBatchTicks);
        var next = previous == 0 ? duration.Ticks : (previous * 7 + duration.Ticks) / 8;
        Interlocked.Exchange(ref _averageBatchTicks, next);
    }

    public TimeSpan For(int inputsAdmitted)
    {
        var batchesAhead = (inputsAdmitted + maxBatchRequests - 1) / maxBatchRequests;
        var estimate = TimeSpan.FromTicks(Interlocked.Read(ref _averageBatchTicks) * Math.Max(1, batchesAhead));
        return TimeSpan.FromSeconds(Math.Ceiling(Math.Clamp(estimate.TotalSeconds, Min.TotalSeconds, Max.TotalSeconds)));
    }
}

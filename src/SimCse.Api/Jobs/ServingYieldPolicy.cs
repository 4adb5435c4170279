namespace SimCse.Api.Jobs;

/// <summary>
/// How training gives way to serving: between two training steps, while the serving queue holds inputs, the training
/// thread waits in short slices, at most <paramref name="maxWait"/> per step, so a burst of requests is not stuck
/// behind training on a shared CPU. Zero disables it. Runs on the training thread (it is the only place that may block it).
/// </summary>
public sealed class ServingYieldPolicy(Func<long> queuedInputs, TimeSpan maxWait, TimeProvider time)
{
    /// <summary>One wait slice: short enough that training resumes soon after the queue drains.</summary>
    public static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(20);

    /// <summary>Blocks while serving has queued inputs (up to the per-step limit); returns how long it waited.</summary>
    public TimeSpan WaitBetweenSteps(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queuedInputs);
        if (maxWait <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }
        long started = time.GetTimestamp();
        while (queuedInputs() > 0 && !cancellationToken.IsCancellationRequested)
        {
            TimeSpan waited = time.GetElapsedTime(started);
            if (waited >= maxWait)
            {
                break;
            }
            TimeSpan left = maxWait - waited;
            cancellationToken.WaitHandle.WaitOne(left < Slice ? left : Slice);
        }
        return time.GetElapsedTime(started);
    }
}

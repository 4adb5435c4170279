using System.Collections.Concurrent;

namespace SimCse.Api.Jobs;

/// <summary>
/// In-process coordination between the job routes and the job worker: "there is new work" and
/// "cancel the running job". The database stays the source of truth (cancels reach other replicas through it); this only shortens waits.
/// </summary>
public sealed class JobSignals : IDisposable
{
    private readonly SemaphoreSlim _work = new(0);
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new(StringComparer.Ordinal);

    public void Wake() => _work.Release();

    /// <summary>Waits until woken or the timeout passes (a poll: other replicas queue jobs without waking this one).</summary>
    public async Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await _work.WaitAsync(timeout, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Shutting down: the caller checks the token.
        }
    }

    /// <summary>Registered before the job's status turns running, so a job seen running can always be cancelled.</summary>
    public void Register(string jobId, CancellationTokenSource cancellation) => _running[jobId] = cancellation;

    public void Unregister(string jobId) => _running.TryRemove(jobId, out _);

    public bool Cancel(string jobId)
    {
        if (_running.TryGetValue(jobId, out CancellationTokenSource? cancellation))
        {
            cancellation.Cancel();
            return true;
        }
        return false;
    }

    public void Dispose() => _work.Dispose();
}

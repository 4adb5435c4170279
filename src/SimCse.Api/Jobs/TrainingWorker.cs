using Microsoft.Extensions.Options;
using SimCse.Api.Configuration;
using SimCse.Api.Contracts;
using SimCse.Api.Fleet;

namespace SimCse.Api.Jobs;

/// <summary>
/// The async job loop of one replica: settles jobs whose replica died (expired leases), takes the oldest queued job
/// with a lease (unless <c>SimCse:Training:Enabled=false</c>) and runs it through <see cref="JobOrchestrator"/>. It never
/// stops the host: an exception fails that job with the reason and the loop goes on; database errors back off.
/// Start-up recovery (<see cref="JobRecovery"/>, an earlier hosted service) has run before it starts.
/// </summary>
public sealed partial class TrainingWorker(
    JobStore store,
    JobOrchestrator orchestrator,
    JobSignals signals,
    ReplicaIdentity replica,
    IOptions<TrainingOptions> options,
    ILogger<TrainingWorker> logger) : BackgroundService
{
    private static readonly TimeSpan LongestBackOff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        TimeSpan backOff = options.Value.PollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (string settled in await store.SettleAbandonedAsync(everything: false, stoppingToken))
                {
                    LogSettled(logger, settled);
                }
                if (options.Value.Enabled && await store.ClaimNextAsync(replica.Id, options.Value.LeaseDuration, stoppingToken) is { } job)
                {
                    await RunSafelyAsync(job, stoppingToken);
                    continue;
                }
                backOff = options.Value.PollInterval;
                await signals.WaitForWorkAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The loop must survive anything (a database outage above all); it backs off and tries again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogLoopFailed(logger, backOff.TotalSeconds, ex);
                await Task.Delay(backOff, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                backOff = backOff * 2 > LongestBackOff ? LongestBackOff : backOff * 2;
            }
        }
    }

    private async Task RunSafelyAsync(Persistence.FineTuningJobRecord job, CancellationToken stoppingToken)
    {
        try
        {
            await orchestrator.RunAsync(job, stoppingToken);
        }
#pragma warning disable CA1031 // Whatever broke, it breaks this job only.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogJobCrashed(logger, job.Id, ex);
            await DatabaseRetry.RunAsync(token => store.FinishAsync(job.Id, replica.Id, JobStatus.Failed, new JobError("worker_error", ex.Message), null, null, token), logger, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fine-tuning job {JobId}: its replica stopped renewing the lease; marked failed (interrupted)")]
    private static partial void LogSettled(ILogger logger, string jobId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The job loop failed; retrying in {Seconds:F1} s")]
    private static partial void LogLoopFailed(ILogger logger, double seconds, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Fine-tuning job {JobId} failed in the worker; the worker goes on")]
    private static partial void LogJobCrashed(ILogger logger, string jobId, Exception exception);
}

using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using SimCse.Api.Configuration;
using SimCse.Api.Contracts;
using SimCse.Api.Fleet;
using SimCse.Api.Persistence;
using SimCse.Modeling.Training;

namespace SimCse.Api.Jobs;

/// <summary>
/// Runs one claimed job, asynchronously: prepares it, starts the <see cref="TrainingThread"/>, records what arrives on
/// its progress channel (events, progress, checkpoints), renews the lease by heartbeat (and learns of cancels asked
/// through any replica), and records the outcome through <see cref="JobStore"/>. A job whose lease was lost (a
/// survivor settled it) is abandoned without another write.
/// </summary>
public sealed partial class JobOrchestrator(
    JobStore store,
    JobPreparation preparation,
    IJobTrainer trainer,
    ServingYieldPolicy yieldPolicy,
    JobProgressRecorder recorder,
    AutoActivation autoActivation,
    JobSignals signals,
    ReplicaIdentity replica,
    IOptions<TrainingOptions> options,
    ILogger<JobOrchestrator> logger)
{
    private const int RecordAttempts = 5;

    public async Task RunAsync(FineTuningJobRecord job, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(job);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        signals.Register(job.Id, cancellation);
        var lease = new LeaseWatch();
        using var heartbeatStop = new CancellationTokenSource();
        Task heartbeat = HeartbeatAsync(job.Id, lease, cancellation, heartbeatStop.Token);
        try
        {
            LogStarted(logger, job.Id, replica.Id);
            Outcome outcome = await TrainAsync(job, lease, cancellation.Token);
            await heartbeatStop.CancelAsync();
            await heartbeat;
            if (lease.Lost)
            {
                LogLeaseLost(logger, job.Id);
                return;
            }
            if (stopping.IsCancellationRequested && outcome.Status != JobStatus.Succeeded)
            {
                outcome = new Outcome(JobStatus.Failed, new JobError(JobStore.InterruptedCode, $"The replica {replica.Id} shut down while this job was running; it is not resumed automatically. Its registered checkpoints are kept."), outcome.FineTunedModel, null);
            }
            await DatabaseRetry.RunAsync(token => store.FinishAsync(job.Id, replica.Id, outcome.Status, outcome.Error, outcome.FineTunedModel, outcome.Message, token), logger, CancellationToken.None, RecordAttempts * 4);
            if (!string.Equals(options.Value.OptimizerStateRetention, "keep", StringComparison.OrdinalIgnoreCase))
            {
                recorder.Checkpoints.DropOptimizerState(job.Id);
            }
            LogFinished(logger, job.Id, outcome.Status, outcome.Error?.Code);
        }
        finally
        {
            await heartbeatStop.CancelAsync();
            await heartbeat;
            signals.Unregister(job.Id);
        }
    }

    private async Task<Outcome> TrainAsync(FineTuningJobRecord job, LeaseWatch lease, CancellationToken cancellationToken)
    {
        TrainingJob training;
        try
        {
            training = await preparation.PrepareAsync(job, cancellationToken);
        }
        catch (JobStartException ex)
        {
            return new Outcome(JobStatus.Failed, new JobError(ex.Code, ex.Message), null, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new Outcome(JobStatus.Cancelled, null, null, "Job cancelled before training started.");
        }

        var channel = Channel.CreateUnbounded<TrainingProgress>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        Task<TrainingResult> run = TrainingThread.Start(trainer, training, channel.Writer, yieldPolicy, cancellationToken);
        Exception? recordingFailure = null;
        var log = new ProgressLogger(job.Id, options.Value.ProgressLogInterval, logger);
        await foreach (TrainingProgress progress in channel.Reader.ReadAllAsync(CancellationToken.None))
        {
            if (recordingFailure is not null || lease.Lost)
            {
                continue;
            }
            log.Observe(progress);
            try
            {
                await DatabaseRetry.RunAsync(token => recorder.RecordAsync(job, progress, replica.Id, token), logger, CancellationToken.None, RecordAttempts);
            }
#pragma warning disable CA1031 // The job fails with the reason; the worker and the host go on.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                recordingFailure = ex;
                signals.Cancel(job.Id);
            }
        }

        TrainingResult result;
        try
        {
            result = await run;
        }
#pragma warning disable CA1031 // A failing trainer fails that job, never the worker or the process.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogTrainingFailed(logger, job.Id, ex);
            return new Outcome(JobStatus.Failed, new JobError("training_failed", ex.Message), await BestOrNullAsync(job.Id), null);
        }
        if (lease.Lost)
        {
            return new Outcome(JobStatus.Failed, null, null, null);
        }
        await DatabaseRetry.RunAsync(async token =>
        {
            await recorder.Checkpoints.EnsureRegisteredAsync(job, result.Last, token);
            await recorder.Checkpoints.EnsureRegisteredAsync(job, result.Best, token);
            await recorder.Checkpoints.ForgetMissingAsync(job.Id, token);
        }, logger, CancellationToken.None, RecordAttempts * 4);
        string? best = result.Best?.ModelId ?? await BestOrNullAsync(job.Id);
        if (recordingFailure is not null)
        {
            return new Outcome(JobStatus.Failed, new JobError("database_unavailable", $"Progress could not be recorded: {recordingFailure.Message}"), best, null);
        }
        if (result.Status == TrainingStatus.Cancelled)
        {
            return new Outcome(JobStatus.Cancelled, null, best, $"Job cancelled after {result.Steps} step(s); its checkpoints are kept.");
        }
        if (job.AutoActivate && best is not null)
        {
            try
            {
                await autoActivation.RunAsync(job.Id, best, job.ValidationFile is null ? null : await preparation.ReadValidationAsync(job.ValidationFile, CancellationToken.None), CancellationToken.None);
            }
#pragma warning disable CA1031 // The training succeeded; an activation that fails is reported, not turned into a failed job.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                await recorder.Log.WarnAsync(job.Id, $"auto_activate: not activated: {ex.Message}");
            }
        }
        return new Outcome(JobStatus.Succeeded, null, best, string.Create(CultureInfo.InvariantCulture, $"Job succeeded after {result.Steps} step(s) in {result.Elapsed.TotalSeconds:F1} s; best checkpoint {best}."));
    }

    private async Task<string?> BestOrNullAsync(string jobId)
    {
        try
        {
            return await recorder.Checkpoints.BestAsync(jobId, CancellationToken.None);
        }
#pragma warning disable CA1031 // Only decoration of a failure report.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    /// <summary>Renews the lease every third of its length; stops training when the lease is lost or a cancel was asked for.</summary>
    private async Task HeartbeatAsync(string jobId, LeaseWatch lease, CancellationTokenSource training, CancellationToken stop)
    {
        TimeSpan duration = options.Value.LeaseDuration;
        using var timer = new PeriodicTimer(duration / 3);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                LeaseState state;
                try
                {
                    state = await store.RenewAsync(jobId, replica.Id, duration, stop);
                }
                catch (Exception ex) when (DatabaseRetry.IsTransient(ex))
                {
                    // Try again at the next tick; the lease is only lost once another replica settles the job.
                    LogHeartbeatFailed(logger, jobId, ex.Message);
                    continue;
                }
                if (state == LeaseState.Lost)
                {
                    lease.Lost = true;
                    await training.CancelAsync();
                    return;
                }
                if (state == LeaseState.CancelRequested)
                {
                    await training.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Training ended.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fine-tuning job {JobId} started on {Replica}")]
    private static partial void LogStarted(ILogger logger, string jobId, string replica);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fine-tuning job {JobId} finished: {Status} (error code {ErrorCode})")]
    private static partial void LogFinished(ILogger logger, string jobId, JobStatus status, string? errorCode);

    [LoggerMessage(Level = LogLevel.Error, Message = "Fine-tuning job {JobId}: the trainer failed")]
    private static partial void LogTrainingFailed(ILogger logger, string jobId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fine-tuning job {JobId}: this replica's lease expired and another replica settled the job; training stopped")]
    private static partial void LogLeaseLost(ILogger logger, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fine-tuning job {JobId}: heartbeat failed: {Reason}")]
    private static partial void LogHeartbeatFailed(ILogger logger, string jobId, string reason);

    private sealed record Outcome(JobStatus Status, JobError? Error, string? FineTunedModel, string? Message);

    private sealed class LeaseWatch
    {
        public volatile bool Lost;
    }
}

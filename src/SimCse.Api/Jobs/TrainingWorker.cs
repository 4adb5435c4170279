namespace SimCse.Api.Jobs;

/// <summary>
/// Runs queued fine-tuning jobs one at a time on its own dedicated OS thread: TorchSharp's dispose scopes and
/// grad modes are thread-local, and a long-lived thread keeps training off the thread pool that serves
/// requests. Start-up recovery (<see cref="JobRecovery"/>, an earlier hosted service) has run before it starts.
/// </summary>
public sealed partial class TrainingWorker(JobRunner runner, JobSignals signals, ILogger<TrainingWorker> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Loop(stoppingToken);
                finished.SetResult();
            }
#pragma warning disable CA1031 // Reported through the task; the host logs it.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogCrashed(logger, ex);
                finished.SetException(ex);
            }
        })
        {
            Name = "simcse-training",
            IsBackground = true,
        };
        thread.Start();
        return finished.Task;
    }

    private void Loop(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (runner.NextQueued() is { } job)
            {
                runner.Run(job, stoppingToken);
            }
            else
            {
                signals.WaitForWork(PollInterval, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The training thread crashed; no further jobs run until restart")]
    private static partial void LogCrashed(ILogger logger, Exception exception);
}

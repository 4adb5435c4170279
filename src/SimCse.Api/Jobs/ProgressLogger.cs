using SimCse.Modeling.Training;

namespace SimCse.Api.Jobs;

/// <summary>
/// The service log's view of a running job (issue 11): one line about every <c>ProgressLogInterval</c> with step n/N,
/// loss, learning rate and ETA, and one line per evaluation, so <c>kubectl logs</c> shows a job's life.
/// </summary>
public sealed partial class ProgressLogger(string jobId, TimeSpan interval, ILogger logger)
{
    private long _lastLine = long.MinValue;

    public void Observe(TrainingProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        long now = TimeProvider.System.GetTimestamp();
        bool due = _lastLine == long.MinValue || TimeProvider.System.GetElapsedTime(_lastLine, now) >= interval || progress.Step == progress.TotalSteps;
        if (due)
        {
            _lastLine = now;
            LogStep(logger, jobId, progress.Step, progress.TotalSteps, progress.Loss, progress.LearningRate, progress.Eta);
        }
        if (progress.Evaluation is { } evaluation)
        {
            LogEvaluation(logger, jobId, progress.Step, evaluation.Spearman, evaluation.Pearson, evaluation.Alignment, evaluation.Uniformity);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: step {Step}/{TotalSteps}, loss {Loss:F4}, lr {LearningRate:G3}, ETA {Eta:c}")]
    private static partial void LogStep(ILogger logger, string jobId, int step, int totalSteps, double loss, double learningRate, TimeSpan eta);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: evaluation at step {Step}: Spearman {Spearman:F2}, Pearson {Pearson:F2}, alignment {Alignment:F4}, uniformity {Uniformity:F4}")]
    private static partial void LogEvaluation(ILogger logger, string jobId, int step, double spearman, double pearson, double alignment, double uniformity);
}

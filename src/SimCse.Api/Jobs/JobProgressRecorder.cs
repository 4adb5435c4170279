using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SimCse.Api.Configuration;
using SimCse.Api.Persistence;
using SimCse.Core.Diagnostics;
using SimCse.Modeling.Training;

namespace SimCse.Api.Jobs;

/// <summary>
/// The trainer's progress sink, called synchronously on the training thread after every step: updates the
/// job's progress, logs every <see cref="TrainingOptions.LogEverySteps"/>-th step and every evaluation,
/// registers saved checkpoints, and then applies the starvation policy: while serving has queued inputs,
/// the training thread waits (up to <see cref="TrainingOptions.MaxYieldPerStep"/>) before the next step.
/// </summary>
public sealed class JobProgressRecorder(
    FineTuningJobRecord job,
    IDbContextFactory<SimCseDbContext> databases,
    JobLog log,
    CheckpointRegistrar checkpoints,
    SimCseMetrics metrics,
    TrainingOptions options,
    CancellationToken cancellationToken) : IProgress<TrainingProgress>
{
    private static readonly TimeSpan YieldSlice = TimeSpan.FromMilliseconds(20);

    public void Report(TrainingProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int every = Math.Max(1, options.LogEverySteps);
        if (value.Step == 1 || value.Step % every == 0 || value.Step == value.TotalSteps || value.Evaluation is not null)
        {
            log.Metrics(job.Id, string.Create(CultureInfo.InvariantCulture, $"Step {value.Step}/{value.TotalSteps}: training loss={value.Loss:F4}, learning rate={value.LearningRate:G3}"),
                new JsonObject
                {
                    ["step"] = value.Step,
                    ["train_loss"] = value.Loss,
                    ["learning_rate"] = value.LearningRate,
                    ["sentences_per_second"] = Math.Round(value.SentencesPerSecond, 2),
                });
        }
        if (value.Evaluation is { } evaluation)
        {
            var data = new JsonObject
            {
                ["step"] = value.Step,
                ["valid_spearman"] = evaluation.Spearman,
                ["valid_pearson"] = evaluation.Pearson,
                ["alignment"] = double.IsFinite(evaluation.Alignment) ? evaluation.Alignment : null,
                ["uniformity"] = evaluation.Uniformity,
            };
            log.Metrics(job.Id, string.Create(CultureInfo.InvariantCulture, $"Step {value.Step}: validation Spearman={evaluation.Spearman:F2}, Pearson={evaluation.Pearson:F2}, alignment={evaluation.Alignment:F4}, uniformity={evaluation.Uniformity:F4}"), data);
        }
        if (value.Checkpoint is { } checkpoint)
        {
            checkpoints.Register(job, checkpoint);
            log.Info(job.Id, $"Saved checkpoint {checkpoint.ModelId}.", new JsonObject { ["step"] = checkpoint.Step, ["fine_tuned_model_checkpoint"] = checkpoint.ModelId });
            foreach (string pruned in checkpoints.ForgetMissing(job.Id))
            {
                log.Info(job.Id, $"Removed checkpoint {pruned} (only the best and the last are kept).");
            }
        }
        UpdateProgress(value);
        YieldToServing();
    }

    private void UpdateProgress(TrainingProgress value)
    {
        long eta = (long)Math.Ceiling(value.Eta.TotalSeconds);
        using SimCseDbContext database = databases.CreateDbContext();
        database.Jobs.Where(j => j.Id == job.Id).ExecuteUpdate(set => set
            .SetProperty(j => j.Step, value.Step)
            .SetProperty(j => j.TotalSteps, value.TotalSteps)
            .SetProperty(j => j.EtaSeconds, eta));
    }

    private void YieldToServing()
    {
        long started = TimeProvider.System.GetTimestamp();
        while (metrics.QueuedInputs > 0
            && !cancellationToken.IsCancellationRequested
            && TimeProvider.System.GetElapsedTime(started) < options.MaxYieldPerStep)
        {
            Thread.Sleep(YieldSlice);
        }
    }
}

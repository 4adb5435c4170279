using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SimCse.Api.Configuration;
using SimCse.Api.Persistence;
using SimCse.Modeling.Evaluation;
using SimCse.Modeling.Training;

namespace SimCse.Api.Jobs;

/// <summary>
/// Records one step's progress from the training channel (on the orchestrator, never the training thread): a step
/// event every <see cref="TrainingOptions.LogEverySteps"/>-th step and at every evaluation, evaluation metrics,
/// saved checkpoints (registered, and records of pruned ones dropped), and the job's progress.
/// </summary>
public sealed class JobProgressRecorder(JobStore store, JobLog log, CheckpointRegistrar checkpoints, IOptions<TrainingOptions> options)
{
    public JobLog Log => log;

    public CheckpointRegistrar Checkpoints => checkpoints;

    public async Task RecordAsync(FineTuningJobRecord job, TrainingProgress value, string replica, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(value);
        int every = Math.Max(1, options.Value.LogEverySteps);
        if (value.Step == 1 || value.Step % every == 0 || value.Step == value.TotalSteps || value.Evaluation is not null)
        {
            await log.MetricsAsync(job.Id, string.Create(CultureInfo.InvariantCulture, $"Step {value.Step}/{value.TotalSteps}: training loss={value.Loss:F4}, learning rate={value.LearningRate:G3}"),
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
            if (value.PrefixSpearman is { } prefixes)
            {
                data["valid_spearman_by_dimensions"] = PrefixEvaluation.ToJson(prefixes);
            }
            await log.MetricsAsync(job.Id, string.Create(CultureInfo.InvariantCulture, $"Step {value.Step}: validation Spearman={evaluation.Spearman:F2}, Pearson={evaluation.Pearson:F2}, alignment={evaluation.Alignment:F4}, uniformity={evaluation.Uniformity:F4}"), data);
        }
        if (value.Checkpoint is { } checkpoint && Directory.Exists(checkpoint.Folder))
        {
            await checkpoints.RegisterAsync(job, checkpoint, cancellationToken);
            await log.InfoAsync(job.Id, $"Saved checkpoint {checkpoint.ModelId}.", new JsonObject { ["step"] = checkpoint.Step, ["fine_tuned_model_checkpoint"] = checkpoint.ModelId });
        }
        if (value.Checkpoint is not null)
        {
            foreach (string pruned in await checkpoints.ForgetMissingAsync(job.Id, cancellationToken))
            {
                await log.InfoAsync(job.Id, $"Removed checkpoint {pruned} (only the best and the last are kept).");
            }
        }
        await store.UpdateProgressAsync(job.Id, replica, value.Step, value.TotalSteps, (long)Math.Ceiling(value.Eta.TotalSeconds), cancellationToken);
    }
}

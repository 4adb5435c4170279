using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SimCse.Api.Configuration;
using SimCse.Core.Runtime;
using SimCse.Modeling.Training;

namespace SimCse.Api.Jobs;

/// <summary>
/// The SimCSE trainer with <c>SimCse:Training</c>'s device, threads and precision: the one place where configuration
/// becomes <see cref="TrainerOptions"/>. The checkpoint this replica serves is never pruned, and mined hard
/// negatives are recorded as a job event.
/// </summary>
public sealed class SimCseJobTrainer(IOptions<TrainingOptions> options, ModelRuntime runtime, JobLog log) : IJobTrainer
{
    public TrainingResult Train(TrainingJob job, IProgress<TrainingProgress> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        TrainingOptions training = options.Value;
        var trainer = new SimCseTrainer(new TrainerOptions
        {
            Device = training.Device,
            ThreadCount = training.Threads,
            ComputeDType = training.ComputeDType,
            // Every loaded model, not only the active one: a pinned previous model serves clients too.
            ProtectFromPruning = step => runtime.LoadedModelIds.Contains(TrainingCheckpoint.ModelIdFor(job.BaseModelId, job.JobId, step), StringComparer.Ordinal),
            // Once per job on the training thread, a dedicated OS thread: waiting for the write blocks no pool thread.
            HardNegativesMined = mining => log.InfoAsync(
                    job.JobId,
                    $"Mined {mining.Mined} hard negatives for {mining.PairsWithoutNegative} pairs without one (mining_margin {mining.Margin}).",
                    new JsonObject { ["mined_negatives"] = mining.Mined, ["pairs_without_negative"] = mining.PairsWithoutNegative })
                .GetAwaiter().GetResult(),
        });
        return trainer.Train(job, progress, cancellationToken);
    }
}

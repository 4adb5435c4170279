using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SimCse.Api.Persistence;
using SimCse.Modeling.Training;

namespace SimCse.Api.Jobs;

/// <summary>
/// Records saved checkpoints: a <see cref="JobCheckpointRecord"/> for the job's list and a <see cref="ModelRecord"/>
/// so the registry can activate it and <c>/v1/models</c> lists it with metrics. Called only after the trainer
/// has published the folder (it writes to a temporary folder and renames), so a registered checkpoint is
/// always complete. The trainer keeps only the best and the last checkpoint on disk; the records of the
/// ones it pruned are removed too, so every listed checkpoint can be activated.
/// </summary>
public sealed class CheckpointRegistrar(IDbContextFactory<SimCseDbContext> databases)
{
    public void Register(FineTuningJobRecord job, TrainingCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(checkpoint);
        double? alignment = checkpoint.Evaluation is { Alignment: var a } && double.IsFinite(a) ? a : null;
        var metrics = new Dictionary<string, double> { ["train_loss"] = checkpoint.TrainLoss };
        if (checkpoint.Evaluation is { } evaluation)
        {
            metrics["valid_spearman"] = evaluation.Spearman;
            metrics["uniformity"] = evaluation.Uniformity;
            if (alignment is { } value)
            {
                metrics["alignment"] = value;
            }
        }
        long now = UnixTime.Now();
        using SimCseDbContext database = databases.CreateDbContext();
        // A resumed or re-saved step replaces its earlier record.
        database.Models.Where(model => model.Id == checkpoint.ModelId).ExecuteDelete();
        database.JobCheckpoints.Where(c => c.ModelId == checkpoint.ModelId).ExecuteDelete();
        database.Models.Add(new ModelRecord
        {
            Id = checkpoint.ModelId,
            Folder = checkpoint.Folder,
            BaseModel = job.Model,
            JobId = job.Id,
            Step = checkpoint.Step,
            CreatedAt = now,
            MetricsJson = JsonSerializer.Serialize(metrics),
        });
        database.JobCheckpoints.Add(new JobCheckpointRecord
        {
            Id = ResourceIds.New("ftckpt"),
            JobId = job.Id,
            ModelId = checkpoint.ModelId,
            StepNumber = checkpoint.Step,
            CreatedAt = now,
            TrainLoss = checkpoint.TrainLoss,
            ValidSpearman = checkpoint.Evaluation?.Spearman,
            Alignment = alignment,
            Uniformity = checkpoint.Evaluation?.Uniformity,
        });
        database.SaveChanges();
    }

    /// <summary>Registers a checkpoint the trainer saved without reporting it (the last one, written when a run is cancelled between evaluations).</summary>
    public void EnsureRegistered(FineTuningJobRecord job, TrainingCheckpoint? checkpoint)
    {
        if (checkpoint is null || !Directory.Exists(checkpoint.Folder))
        {
            return;
        }
        using SimCseDbContext database = databases.CreateDbContext();
        if (!database.Models.Any(model => model.Id == checkpoint.ModelId))
        {
            Register(job, checkpoint);
        }
    }

    /// <summary>Drops the records of a job's checkpoints whose folders are gone (pruned by the trainer); returns their ids.</summary>
    public IReadOnlyList<string> ForgetMissing(string jobId)
    {
        using SimCseDbContext database = databases.CreateDbContext();
        List<ModelRecord> gone = database.Models.Where(model => model.JobId == jobId).AsEnumerable()
            .Where(model => !Directory.Exists(model.Folder)).ToList();
        if (gone.Count == 0)
        {
            return [];
        }
        var ids = gone.Select(model => model.Id).ToList();
        database.Models.RemoveRange(gone);
        database.JobCheckpoints.RemoveRange(database.JobCheckpoints.Where(c => ids.Contains(c.ModelId)));
        database.SaveChanges();
        return ids;
    }
}

using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SimCse.Api.Persistence;
using SimCse.Api.Serving;
using SimCse.Core.IO;
using SimCse.Modeling.Training;

namespace SimCse.Api.Jobs;

/// <summary>
/// Records saved checkpoints: a <see cref="JobCheckpointRecord"/> for the job's list and a <see cref="ModelRecord"/>
/// (folder stored relative to the data directory) so the registry can activate it and <c>/v1/models</c> lists it
/// with metrics. Called only after the trainer has published the folder (temporary folder, fsync, rename), so a
/// registered checkpoint is always complete. The trainer keeps only the best and the last checkpoint on disk; the
/// records of the ones it pruned are removed too, so every listed checkpoint can be activated.
/// </summary>
public sealed class CheckpointRegistrar(IDbContextFactory<SimCseDbContext> databases, DataPaths paths)
{
    public async Task RegisterAsync(FineTuningJobRecord job, TrainingCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(checkpoint);
        // The rename that published the folder must itself survive a power cut before the database points at it.
        DirectorySync.Flush(Path.GetDirectoryName(Path.GetFullPath(checkpoint.Folder))!);
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
        await using SimCseDbContext database = await databases.CreateDbContextAsync(cancellationToken);
        await using var transaction = await database.Database.BeginTransactionAsync(cancellationToken);
        // A re-saved step replaces its earlier record.
        await database.Models.Where(model => model.Id == checkpoint.ModelId).ExecuteDeleteAsync(cancellationToken);
        await database.JobCheckpoints.Where(c => c.ModelId == checkpoint.ModelId).ExecuteDeleteAsync(cancellationToken);
        database.Models.Add(new ModelRecord
        {
            Id = checkpoint.ModelId,
            Folder = StoredPaths.ToStored(paths.Root, checkpoint.Folder),
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
        await database.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Registers a checkpoint the trainer saved without reporting it (the last one, written when a run is cancelled between evaluations).</summary>
    public async Task EnsureRegisteredAsync(FineTuningJobRecord job, TrainingCheckpoint? checkpoint, CancellationToken cancellationToken)
    {
        if (checkpoint is null || !Directory.Exists(checkpoint.Folder))
        {
            return;
        }
        await using SimCseDbContext database = await databases.CreateDbContextAsync(cancellationToken);
        if (!await database.Models.AnyAsync(model => model.Id == checkpoint.ModelId, cancellationToken))
        {
            await RegisterAsync(job, checkpoint, cancellationToken);
        }
    }

    /// <summary>Drops the records of a job's checkpoints whose folders are gone (pruned by the trainer); returns their ids.</summary>
    public async Task<IReadOnlyList<string>> ForgetMissingAsync(string jobId, CancellationToken cancellationToken)
    {
        await using SimCseDbContext database = await databases.CreateDbContextAsync(cancellationToken);
        List<ModelRecord> gone = (await database.Models.Where(model => model.JobId == jobId).ToListAsync(cancellationToken))
            .Where(model => !Directory.Exists(StoredPaths.Resolve(paths.Root, model.Folder))).ToList();
        if (gone.Count == 0)
        {
            return [];
        }
        var ids = gone.Select(model => model.Id).ToList();
        database.Models.RemoveRange(gone);
        database.JobCheckpoints.RemoveRange(database.JobCheckpoints.Where(c => ids.Contains(c.ModelId)));
        await database.SaveChangesAsync(cancellationToken);
        return ids;
    }

    /// <summary>With <c>OptimizerStateRetention=drop</c>: deletes a finished job's optimizer state (jobs are not resumed, so nothing reads it).</summary>
    public void DropOptimizerState(string jobId)
    {
        string folder = Path.Combine(paths.Root, "checkpoints", jobId);
        if (!Directory.Exists(folder))
        {
            return;
        }
        foreach (string state in Directory.EnumerateFiles(folder, "*.optimizer"))
        {
            File.Delete(state);
        }
    }

    /// <summary>The job's best registered checkpoint (highest validation Spearman, then latest step), or null.</summary>
    public async Task<string?> BestAsync(string jobId, CancellationToken cancellationToken)
    {
        await using SimCseDbContext database = await databases.CreateDbContextAsync(cancellationToken);
        return await database.JobCheckpoints.AsNoTracking().Where(c => c.JobId == jobId)
            .OrderByDescending(c => c.ValidSpearman).ThenByDescending(c => c.StepNumber).Select(c => c.ModelId).FirstOrDefaultAsync(cancellationToken);
    }
}

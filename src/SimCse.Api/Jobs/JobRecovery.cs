using Microsoft.EntityFrameworkCore;
using SimCse.Api.Files;
using SimCse.Api.Persistence;
using SimCse.Api.Serving;

namespace SimCse.Api.Jobs;

/// <summary>
/// Start-up repair after a crash or kill, before the start-up model loads and before any job runs.
/// <para>Jobs: with SQLite this process owns the data directory (<see cref="DataDirectoryLock"/>), so every job left
/// <c>running</c> or <c>validating_files</c> died with the previous process: it becomes <c>failed</c> with error code
/// <c>interrupted</c> (not resumed: the trainer's random state is not checkpointed, and an automatic restart could loop
/// on a job that kills the process). With PostgreSQL other replicas may be running jobs; only expired leases are
/// settled (the worker keeps doing that).</para>
/// <para>Disk, under <c>checkpoints/</c> of finished or unknown jobs only: registered folders (and their optimizer
/// state) stay; recognizable temporaries (<c>.step-n.tmp-…</c>, <c>*.tmp</c>) are deleted; anything else unknown is
/// moved to <c>quarantine/</c>, never deleted. When no record's job folder exists although records and folders do (a data
/// directory moved or mounted wrongly), nothing is touched and no record is dropped.</para>
/// </summary>
public sealed partial class JobRecovery(
    IDbContextFactory<SimCseDbContext> databases,
    JobStore store,
    DataPaths paths,
    FileStore files,
    ILogger<JobRecovery> logger) : IHostedService
{
    public string CheckpointRoot => Path.Combine(paths.Root, "checkpoints");

    public string QuarantineRoot => Path.Combine(paths.Root, "quarantine");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        bool ownsDirectory;
        await using (SimCseDbContext database = await databases.CreateDbContextAsync(cancellationToken))
        {
            ownsDirectory = database.Database.IsSqlite();
        }
        if (ownsDirectory)
        {
            // In a fleet another replica may be uploading right now; only a sole owner can sweep half-written uploads.
            files.RemoveTemporaryUploads();
        }
        foreach (string jobId in await store.SettleAbandonedAsync(everything: ownsDirectory, cancellationToken))
        {
            LogInterrupted(logger, jobId);
        }
        await CleanCheckpointsAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static bool IsTemporary(string name) =>
        (name.StartsWith('.') && name.Contains(".tmp-", StringComparison.Ordinal)) || name.EndsWith(".tmp", StringComparison.Ordinal);

    private async Task CleanCheckpointsAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(CheckpointRoot))
        {
            return;
        }
        await using SimCseDbContext database = await databases.CreateDbContextAsync(cancellationToken);
        List<ModelRecord> records = await database.Models.Where(model => model.JobId != null).ToListAsync(cancellationToken);
        var keep = new HashSet<string>(StringComparer.Ordinal);
        foreach (ModelRecord record in records)
        {
            string full = StoredPaths.Resolve(paths.Root, record.Folder).TrimEnd(Path.DirectorySeparatorChar);
            keep.Add(full);
            keep.Add(full + ".optimizer");
        }
        HashSet<string> activeJobs = (await database.Jobs.AsNoTracking().Where(job => JobStatuses.Active.Contains(job.Status)).Select(job => job.Id).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);

        var candidates = Directory.EnumerateDirectories(CheckpointRoot)
            .Where(jobFolder => !activeJobs.Contains(Path.GetFileName(jobFolder)))
            .SelectMany(Directory.EnumerateFileSystemEntries)
            .ToList();
        var published = candidates.Where(entry => !IsTemporary(Path.GetFileName(entry))).ToList();
        // "Matches" at the job level: a pruned step is normal, but when not one record's job folder exists the
        // directory is not the one the database describes (moved, or mounted wrongly).
        bool anyMatch = records.Any(record => Directory.Exists(Path.GetDirectoryName(StoredPaths.Resolve(paths.Root, record.Folder).TrimEnd(Path.DirectorySeparatorChar))));
        if (records.Count > 0 && published.Count > 0 && !anyMatch)
        {
            LogRefused(logger, records.Count, published.Count, CheckpointRoot);
            return;
        }

        string quarantine = Path.Combine(QuarantineRoot, DateTimeOffset.UtcNow.ToString("yyyyMMddTHHmmssZ", System.Globalization.CultureInfo.InvariantCulture));
        foreach (string entry in candidates)
        {
            string name = Path.GetFileName(entry);
            if (keep.Contains(Path.GetFullPath(entry)))
            {
                continue;
            }
            if (IsTemporary(name))
            {
                Delete(entry);
                continue;
            }
            string target = Path.Combine(quarantine, Path.GetRelativePath(paths.Root, entry));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (Directory.Exists(entry))
            {
                Directory.Move(entry, target);
            }
            else
            {
                File.Move(entry, target);
            }
            LogQuarantined(logger, entry, target);
        }

        // Records whose folders vanished cannot be activated; drop them (their jobs' events keep the metrics).
        var missing = records.Where(model => !activeJobs.Contains(model.JobId!) && !Directory.Exists(StoredPaths.Resolve(paths.Root, model.Folder))).ToList();
        if (missing.Count > 0)
        {
            var ids = missing.Select(model => model.Id).ToList();
            database.Models.RemoveRange(missing);
            database.JobCheckpoints.RemoveRange(database.JobCheckpoints.Where(c => ids.Contains(c.ModelId)));
            await database.SaveChangesAsync(cancellationToken);
        }
    }

    private static void Delete(string entry)
    {
        if (Directory.Exists(entry))
        {
            Directory.Delete(entry, recursive: true);
        }
        else
        {
            File.Delete(entry);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fine-tuning job {JobId} was running when its replica stopped; marked failed (interrupted)")]
    private static partial void LogInterrupted(ILogger logger, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Moved unknown checkpoint entry {Entry} to {Target} (not deleted; remove it by hand once checked)")]
    private static partial void LogQuarantined(ILogger logger, string entry, string target);

    [LoggerMessage(Level = LogLevel.Error, Message = "Checkpoint clean-up refused: none of {Records} registered checkpoint(s) matches any of {Folders} folder(s) under {Root}; the data directory may have been moved or mounted wrongly. Nothing was changed.")]
    private static partial void LogRefused(ILogger logger, int records, int folders, string root);
}

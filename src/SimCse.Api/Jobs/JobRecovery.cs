using Microsoft.EntityFrameworkCore;
using SimCse.Api.Files;
using SimCse.Api.Persistence;
using SimCse.Api.Serving;

namespace SimCse.Api.Jobs;

/// <summary>
/// Start-up repair after a crash or kill. A job found <c>running</c> (or <c>validating_files</c>) is marked
/// <c>failed</c> with error code <c>interrupted</c> rather than resumed: the trainer's random state is not
/// checkpointed, so a resumed run would not be the run the client asked for, and an automatic restart could
/// loop on a job that kills the process. Its registered checkpoints stay usable. Queued jobs stay queued and run.
/// On disk, anything under <c>checkpoints/</c> that is not a registered checkpoint folder (or its optimizer
/// state) is deleted: folders published after the last registration, temporary folders, pruned leftovers;
/// records whose folders are gone are dropped. Runs as a hosted service right after the migrator, before
/// the start-up model loads (so a persisted active checkpoint whose folder vanished falls back cleanly)
/// and before the training worker can start a job.
/// </summary>
public sealed partial class JobRecovery(IDbContextFactory<SimCseDbContext> databases, DataPaths paths, FileStore files, ILogger<JobRecovery> logger) : IHostedService
{
    public const string InterruptedCode = "interrupted";

    public string CheckpointRoot => Path.Combine(paths.Root, "checkpoints");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        files.RemoveTemporaryUploads();
        foreach (string jobId in FailInterruptedJobs())
        {
            LogInterrupted(logger, jobId);
        }
        RemoveUnregisteredCheckpoints();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private List<string> FailInterruptedJobs()
    {
        using SimCseDbContext database = databases.CreateDbContext();
        List<FineTuningJobRecord> jobs = database.Jobs
            .Where(job => job.Status == JobStatuses.Running || job.Status == JobStatuses.ValidatingFiles).ToList();
        long now = UnixTime.Now();
        foreach (FineTuningJobRecord job in jobs)
        {
            job.Status = JobStatuses.Failed;
            job.FinishedAt = now;
            job.ErrorCode = InterruptedCode;
            job.ErrorMessage = "The service stopped while this job was running; it is not resumed automatically. Its registered checkpoints are kept; create a new job to train again.";
            database.JobEvents.Add(JobLog.Create(job.Id, "error", "Job interrupted by a service restart; marked failed."));
        }
        database.SaveChanges();
        return jobs.Select(job => job.Id).ToList();
    }

    private void RemoveUnregisteredCheckpoints()
    {
        if (!Directory.Exists(CheckpointRoot))
        {
            return;
        }
        using SimCseDbContext database = databases.CreateDbContext();
        var keep = new HashSet<string>(StringComparer.Ordinal);
        foreach (string folder in database.Models.Where(model => model.JobId != null).Select(model => model.Folder).AsEnumerable())
        {
            string full = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
            keep.Add(full);
            keep.Add(full + ".optimizer");
        }
        foreach (string jobFolder in Directory.EnumerateDirectories(CheckpointRoot))
        {
            foreach (string entry in Directory.EnumerateFileSystemEntries(jobFolder))
            {
                if (keep.Contains(Path.GetFullPath(entry)))
                {
                    continue;
                }
                if (Directory.Exists(entry))
                {
                    Directory.Delete(entry, recursive: true);
                }
                else
                {
                    File.Delete(entry);
                }
            }
        }
        // Records whose folders vanished cannot be activated; drop them.
        List<ModelRecord> missing = database.Models.Where(model => model.JobId != null).AsEnumerable().Where(model => !Directory.Exists(model.Folder)).ToList();
        var ids = missing.Select(model => model.Id).ToList();
        database.Models.RemoveRange(missing);
        database.JobCheckpoints.RemoveRange(database.JobCheckpoints.Where(c => ids.Contains(c.ModelId)));
        database.SaveChanges();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fine-tuning job {JobId} was running when the service stopped; marked failed (interrupted)")]
    private static partial void LogInterrupted(ILogger logger, string jobId);
}

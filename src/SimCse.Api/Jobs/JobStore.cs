using Microsoft.EntityFrameworkCore;
using SimCse.Api.Contracts;
using SimCse.Api.Paging;
using SimCse.Api.Persistence;
using SimCse.Core.Errors;

namespace SimCse.Api.Jobs;

/// <summary>
/// Owns every write of a job's state. Each one is a conditional update (<c>UPDATE … WHERE id = … AND status =
/// expected</c>, plus <c>worker = me</c> where a replica holds the job) checked against <see cref="JobTransitions"/>,
/// so two requests or two replicas can never both move a job: the loser's update matches no row. Works the same on
/// SQLite and PostgreSQL.
/// </summary>
public sealed class JobStore(IDbContextFactory<SimCseDbContext> databases, TimeProvider time)
{
    /// <summary>A job in <c>validating_files</c> whose creating replica died is settled after this long.</summary>
    public static readonly TimeSpan ValidationLease = TimeSpan.FromMinutes(10);

    public const string InterruptedCode = "interrupted";

    private static readonly string Running = JobStatuses.Running;
    private static readonly string Queued = JobStatuses.Queued;
    private static readonly string Validating = JobStatuses.ValidatingFiles;

    private long NowMs => time.GetUtcNow().ToUnixTimeMilliseconds();

    private long NowSeconds => time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>Stores a new job in <c>validating_files</c>, held by the replica that validates its files.</summary>
    public async Task InsertAsync(FineTuningJobRecord job, string replica, string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        job.Status = Validating;
        job.Worker = replica;
        job.LeaseExpiresAt = NowMs + (long)ValidationLease.TotalMilliseconds;
        await using SimCseDbContext database = await databases.CreateDbContextAsync(cancellationToken);
        database.Jobs.Add(job);
        database.JobEvents.Add(JobLog.Create(job.Id, "info", message));
        await database.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A request refused after the row was written (its files failed validation): no job is left behind.</summary>
    public async Task DeleteRefusedAsync(string id)
    {
        await using SimCseDbContext database = await databases.CreateDbContextAsync(CancellationToken.None);
        await database.JobEvents.Where(e => e.JobId == id).ExecuteDeleteAsync(CancellationToken.None);
        await database.Jobs.Where(j => j.Id == id && j.Status == Validating).ExecuteDeleteAsync(CancellationToken.None);
    }

    /// <summary>validating_files → queued; false when a cancel got there first.</summary>
    public async Task<bool> QueueAsync(string id, string message)
    {
        JobTransitions.Require(JobStatus.ValidatingFiles, JobStatus.Queued);
        await using SimCseDbContext database = await databases.CreateDbContextAsync(CancellationToken.None);
        int moved = await database.Jobs.Where(j => j.Id == id && j.Status == Validating)
            .ExecuteUpdateAsync(set => set.SetProperty(j => j.Status, Queued).SetProperty(j => j.Worker, (string?)null).SetProperty(j => j.LeaseExpiresAt, (long?)null), CancellationToken.None);
        await AddEventIfAsync(database, moved == 1, id, "info", message);
        return moved == 1;
    }

    /// <summary>queued or validating_files → cancelled; false when the job had already moved on.</summary>
    public async Task<bool> CancelBeforeStartAsync(string id, CancellationToken cancellationToken)
    {
        JobTransitions.Require(JobStatus.Queued, JobStatus.Cancelled);
        JobTransitions.Require(JobStatus.ValidatingFiles, JobStatus.Cancelled);
        long now = NowSeconds;
        await using SimCseDbContext database = await databases.CreateDbContextAsync(cancellationToken);
        int moved = await database.Jobs.Where(j => j.Id == id && (j.Status == Queued || j.Status == Validating))
            .ExecuteUpdateAsync(set => set.SetProperty(j => j.Status, JobStatuses.Cancelled).SetProperty(j => j.FinishedAt, now)
                .SetProperty(j => j.Worker, (string?)null).SetProperty(j => j.LeaseExpiresAt, (long?)null), cancellationToken);
        await AddEventIfAsync(database, moved == 1, id, "info", "Job cancelled before it started.");
        return moved == 1;
    }

    /// <summary>Marks a running job for cancellation; its worker (on whichever replica) stops it at the next heartbeat.</summary>
    public async Task<bool> RequestCancelAsync(string id, CancellationToken cancellationToken)
    {
        await using SimCseDbContext database = await databases.CreateDbContextAsync(cancellationToken);
        int marked = await database.Jobs.Where(j => j.Id == id && j.Status == Running)
            .ExecuteUpdateAsync(set => set.SetProperty(j => j.CancelRequested, true), cancellationToken);
        await AddEventIfAsync(database, marked == 1, id, "info", "Cancellation requested; the job stops after the current step.");
        return marked == 1;
    }

    /// <summary>
    /// queued → running for the oldest queued job, held by <paramref name="replica"/> until the lease expires. Exactly
    /// one replica wins a job: the update requires the job to still be queued. Records <c>Started on &lt;replica&gt;</c>.
    /// </summary>
    public async Task<FineTuningJobRecord?> ClaimNextAsync(string replica, TimeSpan lease, CancellationToken cancellationToken)
    {
        JobTransitions.Require(JobStatus.Queued, JobStatus.Running);
        await using SimCseDbContext database = await databases.CreateDbContextAsync(cancellationToken);
        for (int attempt = 0; attempt < 8; attempt++)
        {
            string? candidate = await database.Jobs.AsNoTracking().Where(j => j.Status == Queued)
                .OrderBy(j => j.CreatedAt).ThenBy(j => j.Id).Select(j => j.Id).FirstOrDefaultAsync(cancellationToken);
            if (candidate is null)
            {
                return null;
            }
            long now = NowSeconds;
            long expires = NowMs + (long)lease.TotalMilliseconds;
            int claimed = await database.Jobs.Where(j => j.Id == candidate && j.Status == Queued)
                .ExecuteUpdateAsync(set => set.SetProperty(j => j.Status, Running).SetProperty(j => j.StartedAt, now)
                    .SetProperty(j => j.Worker, replica).SetProperty(j => j.LeaseExpiresAt, expires), cancellationToken);
            if (claimed == 1)
            {
                await AddEventIfAsync(database, true, candidate, "info", $"Started on {replica}");
                return await database.Jobs.AsNoTracking().FirstAsync(j => j.Id == candidate, cancellationToken);
            }
            // Another replica (or a cancel) took it first; look again.
        }
        return null;
    }

    /// <summary>The heartbeat: extends the lease while the job is still this replica's.</summary>
    public async Task<LeaseState> RenewAsync(string id, string replica, TimeSpan lease, CancellationToken cancellationToken)
    {
        long expires = NowMs + (long)lease.TotalMilliseconds;
        await using SimCseDbContext database = await databases.CreateDbContextAsync(cancellationToken);
        int renewed = await database.Jobs.Where(j => j.Id == id && j.Status == Running && j.Worker == replica)
            .ExecuteUpdateAsync(set => set.SetProperty(j => j.LeaseExpiresAt, expires), cancellationToken);
        if (renewed == 0)
        {
            return LeaseState.Lost;
        }
        bool cancel = await database.Jobs.AsNoTracking().Where(j => j.Id == id).Select(j => j.CancelRequested).FirstAsync(cancellationToken);
        return cancel ? LeaseState.CancelRequested : LeaseState.Held;
    }

    public async Task UpdateProgressAsync(string id, string replica, int step, int totalSteps, long etaSeconds, CancellationToken cancellationToken)
    {
        await using SimCseDbContext database = await databases.CreateDbContextAsync(cancellationToken);
        await database.Jobs.Where(j => j.Id == id && j.Status == Running && j.Worker == replica)
            .ExecuteUpdateAsync(set => set.SetProperty(j => j.Step, step).SetProperty(j => j.TotalSteps, totalSteps).SetProperty(j => j.EtaSeconds, etaSeconds), cancellationToken);
    }

    /// <summary>running → a finished state, only while <paramref name="replica"/> still holds the job; false when it lost it.</summary>
    public async Task<bool> FinishAsync(string id, string replica, JobStatus to, JobError? error, string? fineTunedModel, string? message, CancellationToken cancellationToken)
    {
        JobTransitions.Require(JobStatus.Running, to);
        long now = NowSeconds;
        await using SimCseDbContext database = await databases.CreateDbContextAsync(cancellationToken);
        int moved = await database.Jobs.Where(j => j.Id == id && j.Status == Running && j.Worker == replica)
            .ExecuteUpdateAsync(set => set
                .SetProperty(j => j.Status, JobStatuses.Name(to))
                .SetProperty(j => j.FinishedAt, now)
                .SetProperty(j => j.ErrorCode, error == null ? null : error.Code)
                .SetProperty(j => j.ErrorMessage, error == null ? null : error.Message)
                .SetProperty(j => j.FineTunedModel, fineTunedModel)
                .SetProperty(j => j.LeaseExpiresAt, (long?)null)
                .SetProperty(j => j.EtaSeconds, (long?)null), cancellationToken);
        if (moved == 1)
        {
            await AddEventIfAsync(database, error is not null, id, "error", error is null ? string.Empty : $"Job failed ({error.Code}): {error.Message}");
            await AddEventIfAsync(database, error is null && message is not null, id, "info", message ?? string.Empty);
        }
        return moved == 1;
    }

    /// <summary>
    /// Jobs whose holder stopped renewing (it died): running or validating_files with an expired lease → failed,
    /// <c>interrupted</c>. With <paramref name="everything"/> (SQLite at start-up, where this process owns the data
    /// directory) every unfinished job held by anyone is settled. Returns the settled ids.
    /// </summary>
    public async Task<IReadOnlyList<string>> SettleAbandonedAsync(bool everything, CancellationToken cancellationToken)
    {
        JobTransitions.Require(JobStatus.Running, JobStatus.Failed);
        JobTransitions.Require(JobStatus.ValidatingFiles, JobStatus.Failed);
        long nowMs = NowMs;
        await using SimCseDbContext database = await databases.CreateDbContextAsync(cancellationToken);
        List<FineTuningJobRecord> candidates = await database.Jobs.AsNoTracking()
            .Where(j => (j.Status == Running || j.Status == Validating) && (everything || j.LeaseExpiresAt == null || j.LeaseExpiresAt < nowMs))
            .ToListAsync(cancellationToken);
        var settled = new List<string>();
        long now = NowSeconds;
        foreach (FineTuningJobRecord job in candidates)
        {
            string status = job.Status;
            long? lease = job.LeaseExpiresAt;
            string? worker = job.Worker;
            int moved = await database.Jobs
                .Where(j => j.Id == job.Id && j.Status == status && j.LeaseExpiresAt == lease && j.Worker == worker)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(j => j.Status, JobStatuses.Failed)
                    .SetProperty(j => j.FinishedAt, now)
                    .SetProperty(j => j.ErrorCode, InterruptedCode)
                    .SetProperty(j => j.ErrorMessage, $"The replica running this job ({worker ?? "unknown"}) stopped; it is not resumed automatically. Its registered checkpoints are kept; create a new job to train again.")
                    .SetProperty(j => j.LeaseExpiresAt, (long?)null)
                    .SetProperty(j => j.EtaSeconds, (long?)null), cancellationToken);
            if (moved == 1)
            {
                await AddEventIfAsync(database, true, job.Id, "error", $"Job interrupted: its replica {worker ?? "(unknown)"} stopped while it was {status}; marked failed.");
                settled.Add(job.Id);
            }
        }
        return settled;
    }

    /// <summary>Removes a finished job's record with its events and checkpoint list (its checkpoint models stay registered).</summary>
    public async Task DeleteFinishedAsync(string id, CancellationToken cancellationToken)
    {
        FineTuningJobRecord job = await FindAsync(id, cancellationToken);
        await using SimCseDbContext database = await databases.CreateDbContextAsync(cancellationToken);
        string[] finished = JobStatuses.Finished;
        await using var transaction = await database.Database.BeginTransactionAsync(cancellationToken);
        await database.JobEvents.Where(e => e.JobId == id).ExecuteDeleteAsync(cancellationToken);
        await database.JobCheckpoints.Where(c => c.JobId == id).ExecuteDeleteAsync(cancellationToken);
        int deleted = await database.Jobs.Where(j => j.Id == id && finished.Contains(j.Status)).ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            throw new SimCseException(ErrorKind.Conflict, $"Job '{id}' is {job.Status}; only finished (succeeded, failed or cancelled) jobs can be deleted. Cancel it first.");
        }
        await transaction.CommitAsync(CancellationToken.None);
    }

    public async Task<FineTuningJobRecord> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using SimCseDbContext database = await databases.CreateDbContextAsync(cancellationToken);
        return await database.Jobs.AsNoTracking().FirstOrDefaultAsync(job => job.Id == id, cancellationToken)
            ?? throw new SimCseException(ErrorKind.NotFound, $"No fine-tuning job '{id}'.");
    }

    /// <summary>Newest first, one page after the cursor.</summary>
    public async Task<(IReadOnlyList<FineTuningJobRecord> Page, bool HasMore)> ListAsync(PageQuery page, CancellationToken cancellationToken)
    {
        await using SimCseDbContext database = await databases.CreateDbContextAsync(cancellationToken);
        IQueryable<FineTuningJobRecord> jobs = database.Jobs.AsNoTracking();
        if (page.After is { } after)
        {
            FineTuningJobRecord cursor = await jobs.FirstOrDefaultAsync(j => j.Id == after, cancellationToken)
                ?? throw new InvalidInputException("'after' names no fine-tuning job.");
            jobs = jobs.Where(j => j.CreatedAt < cursor.CreatedAt || (j.CreatedAt == cursor.CreatedAt && string.Compare(j.Id, cursor.Id) < 0));
        }
        List<FineTuningJobRecord> fetched = await jobs.OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id)
            .Take(page.Limit + 1).ToListAsync(cancellationToken);
        return (fetched.Take(page.Limit).ToList(), fetched.Count > page.Limit);
    }

    private static async Task AddEventIfAsync(SimCseDbContext database, bool condition, string id, string level, string message)
    {
        if (!condition)
        {
            return;
        }
        database.JobEvents.Add(JobLog.Create(id, level, message));
        await database.SaveChangesAsync(CancellationToken.None);
    }
}

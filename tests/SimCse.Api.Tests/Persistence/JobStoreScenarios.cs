using Microsoft.EntityFrameworkCore;
using SimCse.Api.Jobs;
using SimCse.Api.Paging;
using SimCse.Api.Persistence;
using SimCse.Core.Errors;

namespace SimCse.Api.Tests.Persistence;

/// <summary>
/// The job store's guarantees against a real database; <see cref="JobStoreTests"/> runs each on SQLite and on
/// PostgreSQL. Concurrency is real (parallel claimers on separate connections), time is a controllable clock.
/// </summary>
internal static class JobStoreScenarios
{
    public static async Task ConcurrentClaimersTakeEveryJobExactlyOnce(TestDatabase database)
    {
        var store = new JobStore(database.Factory, TimeProvider.System);
        const int Jobs = 12;
        for (int i = 0; i < Jobs; i++)
        {
            await InsertQueuedAsync(store, database, $"ftjob-claim{i:D2}", createdAt: i);
        }
        // Four "replicas" race for the queue until it is empty.
        var taken = new System.Collections.Concurrent.ConcurrentBag<(string Replica, string Job)>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(r => Task.Run(async () =>
        {
            string replica = $"replica-{r}";
            while (await store.ClaimNextAsync(replica, TimeSpan.FromMinutes(1), CancellationToken.None) is { } job)
            {
                taken.Add((replica, job.Id));
            }
        })));
        Assert.Equal(Jobs, taken.Count);
        Assert.Equal(Jobs, taken.Select(t => t.Job).Distinct().Count());
        await using SimCseDbContext context = await database.Factory.CreateDbContextAsync();
        foreach ((string replica, string job) in taken)
        {
            FineTuningJobRecord record = await context.Jobs.AsNoTracking().SingleAsync(j => j.Id == job);
            Assert.Equal(JobStatuses.Running, record.Status);
            Assert.Equal(replica, record.Worker);
            List<string> started = await context.JobEvents.Where(e => e.JobId == job && e.Message.StartsWith("Started on ")).Select(e => e.Message).ToListAsync();
            Assert.Equal([$"Started on {replica}"], started);
        }
    }

    public static async Task AnExpiredLeaseIsSettledAndItsHolderLearnsItLostTheJob(TestDatabase database)
    {
        var clock = new ManualClock();
        var store = new JobStore(database.Factory, clock);
        await InsertQueuedAsync(store, database, "ftjob-lease", createdAt: 1);
        FineTuningJobRecord job = (await store.ClaimNextAsync("dying", TimeSpan.FromSeconds(5), CancellationToken.None))!;
        Assert.Equal(LeaseState.Held, await store.RenewAsync(job.Id, "dying", TimeSpan.FromSeconds(5), CancellationToken.None));
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Empty(await store.SettleAbandonedAsync(everything: false, CancellationToken.None));
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal([job.Id], await store.SettleAbandonedAsync(everything: false, CancellationToken.None));

        FineTuningJobRecord settled = await store.FindAsync(job.Id, CancellationToken.None);
        Assert.Equal(JobStatuses.Failed, settled.Status);
        Assert.Equal(JobStore.InterruptedCode, settled.ErrorCode);
        // The old holder can neither renew nor overwrite the outcome.
        Assert.Equal(LeaseState.Lost, await store.RenewAsync(job.Id, "dying", TimeSpan.FromSeconds(5), CancellationToken.None));
        Assert.False(await store.FinishAsync(job.Id, "dying", JobStatus.Succeeded, null, null, null, CancellationToken.None));
        Assert.Equal(JobStatuses.Failed, (await store.FindAsync(job.Id, CancellationToken.None)).Status);
    }

    public static async Task OnlyTheHolderFinishesAndCancelReachesItThroughTheDatabase(TestDatabase database)
    {
        var store = new JobStore(database.Factory, TimeProvider.System);
        await InsertQueuedAsync(store, database, "ftjob-holder", createdAt: 1);
        FineTuningJobRecord job = (await store.ClaimNextAsync("a", TimeSpan.FromMinutes(1), CancellationToken.None))!;
        Assert.False(await store.FinishAsync(job.Id, "b", JobStatus.Succeeded, null, null, null, CancellationToken.None));
        Assert.True(await store.RequestCancelAsync(job.Id, CancellationToken.None));
        Assert.Equal(LeaseState.CancelRequested, await store.RenewAsync(job.Id, "a", TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.True(await store.FinishAsync(job.Id, "a", JobStatus.Cancelled, null, null, "cancelled", CancellationToken.None));
        Assert.False(await store.CancelBeforeStartAsync(job.Id, CancellationToken.None));
        Assert.Equal(JobStatuses.Cancelled, (await store.FindAsync(job.Id, CancellationToken.None)).Status);
    }

    public static async Task OnlyFinishedJobsAreDeletedAndListsPage(TestDatabase database)
    {
        var store = new JobStore(database.Factory, TimeProvider.System);
        for (int i = 0; i < 5; i++)
        {
            await InsertQueuedAsync(store, database, $"ftjob-page{i}", createdAt: 100 + i);
        }
        var error = await Assert.ThrowsAsync<SimCseException>(() => store.DeleteFinishedAsync("ftjob-page0", CancellationToken.None));
        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.True(await store.CancelBeforeStartAsync("ftjob-page0", CancellationToken.None));
        await store.DeleteFinishedAsync("ftjob-page0", CancellationToken.None);
        await Assert.ThrowsAsync<SimCseException>(() => store.FindAsync("ftjob-page0", CancellationToken.None));

        (IReadOnlyList<FineTuningJobRecord> first, bool more) = await store.ListAsync(new PageQuery(null, 2), CancellationToken.None);
        Assert.Equal(["ftjob-page4", "ftjob-page3"], first.Select(j => j.Id));
        Assert.True(more);
        (IReadOnlyList<FineTuningJobRecord> rest, bool moreAfter) = await store.ListAsync(new PageQuery("ftjob-page3", 10), CancellationToken.None);
        Assert.Equal(["ftjob-page2", "ftjob-page1"], rest.Select(j => j.Id));
        Assert.False(moreAfter);
    }

    public static async Task AJobInValidationWhoseReplicaDiedIsSettled(TestDatabase database)
    {
        var clock = new ManualClock();
        var store = new JobStore(database.Factory, clock);
        await store.InsertAsync(NewJob("ftjob-validating", 1), "creator", "created", CancellationToken.None);
        Assert.Empty(await store.SettleAbandonedAsync(everything: false, CancellationToken.None));
        clock.Advance(JobStore.ValidationLease + TimeSpan.FromSeconds(1));
        Assert.Equal(["ftjob-validating"], await store.SettleAbandonedAsync(everything: false, CancellationToken.None));
        Assert.False(await store.QueueAsync("ftjob-validating", "late"));
    }

    private static async Task InsertQueuedAsync(JobStore store, TestDatabase database, string id, long createdAt)
    {
        await store.InsertAsync(NewJob(id, createdAt), "creator", "created", CancellationToken.None);
        Assert.True(await store.QueueAsync(id, "queued"));
        // Keep the order the test means (CreatedAt is in seconds).
        await using SimCseDbContext context = await database.Factory.CreateDbContextAsync();
        await context.Jobs.Where(j => j.Id == id).ExecuteUpdateAsync(set => set.SetProperty(j => j.CreatedAt, createdAt));
    }

    private static FineTuningJobRecord NewJob(string id, long createdAt) => new()
    {
        Id = id,
        Model = "all-MiniLM-L6-v2",
        Status = JobStatuses.ValidatingFiles,
        CreatedAt = createdAt,
        Method = "unsupervised",
        HyperparametersJson = "{}",
        TrainingFile = "file-x",
    };

    /// <summary>A clock the test moves by hand (leases without sleeping).</summary>
    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}

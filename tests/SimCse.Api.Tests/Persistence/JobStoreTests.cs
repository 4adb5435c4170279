using SimCse.Api.Configuration;

namespace SimCse.Api.Tests.Persistence;

/// <summary><see cref="JobStoreScenarios"/> on both providers: SQLite (embedded) and a real PostgreSQL server.</summary>
public sealed class JobStoreTests
{
    [Fact]
    public Task SqliteClaimsExactlyOnce() => RunAsync(DatabaseOptions.Sqlite, JobStoreScenarios.ConcurrentClaimersTakeEveryJobExactlyOnce);

    [PostgresFact]
    public Task PostgresClaimsExactlyOnce() => RunAsync(DatabaseOptions.Postgres, JobStoreScenarios.ConcurrentClaimersTakeEveryJobExactlyOnce);

    [Fact]
    public Task SqliteSettlesExpiredLeases() => RunAsync(DatabaseOptions.Sqlite, JobStoreScenarios.AnExpiredLeaseIsSettledAndItsHolderLearnsItLostTheJob);

    [PostgresFact]
    public Task PostgresSettlesExpiredLeases() => RunAsync(DatabaseOptions.Postgres, JobStoreScenarios.AnExpiredLeaseIsSettledAndItsHolderLearnsItLostTheJob);

    [Fact]
    public Task SqliteOnlyTheHolderFinishes() => RunAsync(DatabaseOptions.Sqlite, JobStoreScenarios.OnlyTheHolderFinishesAndCancelReachesItThroughTheDatabase);

    [PostgresFact]
    public Task PostgresOnlyTheHolderFinishes() => RunAsync(DatabaseOptions.Postgres, JobStoreScenarios.OnlyTheHolderFinishesAndCancelReachesItThroughTheDatabase);

    [Fact]
    public Task SqliteDeletesFinishedJobsAndPages() => RunAsync(DatabaseOptions.Sqlite, JobStoreScenarios.OnlyFinishedJobsAreDeletedAndListsPage);

    [PostgresFact]
    public Task PostgresDeletesFinishedJobsAndPages() => RunAsync(DatabaseOptions.Postgres, JobStoreScenarios.OnlyFinishedJobsAreDeletedAndListsPage);

    [Fact]
    public Task SqliteSettlesAbandonedValidation() => RunAsync(DatabaseOptions.Sqlite, JobStoreScenarios.AJobInValidationWhoseReplicaDiedIsSettled);

    [PostgresFact]
    public Task PostgresSettlesAbandonedValidation() => RunAsync(DatabaseOptions.Postgres, JobStoreScenarios.AJobInValidationWhoseReplicaDiedIsSettled);

    private static async Task RunAsync(string provider, Func<TestDatabase, Task> scenario)
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(provider);
        await scenario(database);
    }
}

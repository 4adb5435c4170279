namespace SimCse.Api.Tests.Persistence;

/// <summary>A test that needs the real PostgreSQL named by <c>SIMCSE_TEST_POSTGRES</c> (.ci/run always starts one); skipped only where it is absent.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestDatabase.PostgresServer is null)
        {
            Skip = $"Set {TestDatabase.PostgresVariable} to a PostgreSQL connection string (eval \"$(.ci/postgres-up.sh)\") to run this test.";
        }
    }
}

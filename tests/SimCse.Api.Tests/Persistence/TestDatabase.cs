using Microsoft.EntityFrameworkCore;
using Npgsql;
using SimCse.Api.Configuration;
using SimCse.Api.Persistence;

namespace SimCse.Api.Tests.Persistence;

/// <summary>
/// A fresh, real database for one test: a SQLite file in a temporary data directory, or a new database on the
/// PostgreSQL server named by <c>SIMCSE_TEST_POSTGRES</c> (dropped on dispose). Schema created by the migrations.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "SIMCSE_TEST_POSTGRES";

    private TestDatabase(string provider, string? connectionString, string dataDirectory, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        DataDirectory = dataDirectory;
        PostgresName = postgresName;
        Options = new DatabaseOptions { Provider = provider, ConnectionString = connectionString };
        Factory = new SimCseDbContextFactory(Options, dataDirectory);
    }

    public static string? PostgresServer => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    public string Provider { get; }

    public string? ConnectionString { get; }

    public string DataDirectory { get; }

    public DatabaseOptions Options { get; }

    public IDbContextFactory<SimCseDbContext> Factory { get; }

    private string? PostgresName { get; }

    /// <summary>The settings a service needs to use this database (and its data directory).</summary>
    public IReadOnlyDictionary<string, string> Settings => ConnectionString is null
        ? new Dictionary<string, string> { ["SimCse:DataDirectory"] = DataDirectory, ["SimCse:Database:Provider"] = Provider }
        : new Dictionary<string, string> { ["SimCse:DataDirectory"] = DataDirectory, ["SimCse:Database:Provider"] = Provider, ["SimCse:Database:ConnectionString"] = ConnectionString };

    public static async Task<TestDatabase> CreateAsync(string provider, bool migrate = true)
    {
        string data = Path.Combine(Path.GetTempPath(), "simcse-db-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        TestDatabase database;
        if (provider == DatabaseOptions.Postgres)
        {
            string server = PostgresServer ?? throw new InvalidOperationException($"{PostgresVariable} is not set.");
            string name = $"simcse_test_{Guid.NewGuid():N}";
            var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
            database = new TestDatabase(provider, builder.ConnectionString, data, name);
        }
        else
        {
            database = new TestDatabase(DatabaseOptions.Sqlite, null, data, null);
        }
        if (migrate)
        {
            await using SimCseDbContext context = await database.Factory.CreateDbContextAsync();
            await context.Database.MigrateAsync();
        }
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        if (PostgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            var builder = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = "postgres" };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{PostgresName}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}

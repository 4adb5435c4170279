namespace SimCse.Api.Configuration;

/// <summary>Section <c>SimCse:Database</c>: which database holds the registry, files, jobs and the fleet's state.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "SimCse:Database";

    public const string Sqlite = "sqlite";

    public const string Postgres = "postgres";

    /// <summary><c>sqlite</c> (default: <c>&lt;DataDirectory&gt;/simcse.db</c>, one process) or <c>postgres</c> (a fleet of replicas).</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>Npgsql connection string for <c>postgres</c>; for <c>sqlite</c> an optional override of the file's connection string.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>SQLite: how long a writer waits for the file lock before the request gets a 503.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);

    /// <summary>Start-up check; a bad value stops the host with the reason.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!string.Equals(Provider, Sqlite, StringComparison.OrdinalIgnoreCase) && !IsPostgres)
        {
            errors.Add($"SimCse:Database:Provider must be '{Sqlite}' or '{Postgres}', not '{Provider}'.");
        }
        if (IsPostgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            errors.Add("SimCse:Database:ConnectionString is required when SimCse:Database:Provider is 'postgres'.");
        }
        return errors;
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SimCse.Api.Configuration;
using SimCse.Api.Serving;

namespace SimCse.Api.Persistence;

/// <summary>
/// The one place that knows which database runs (<c>SimCse:Database:Provider</c>): SQLite in the data directory, or
/// PostgreSQL. Everything else asks for <see cref="SimCseDbContext"/> and writes provider-neutral LINQ.
/// </summary>
public sealed class SimCseDbContextFactory : IDbContextFactory<SimCseDbContext>
{
    private readonly DbContextOptions<SimCseDbContext>? _sqlite;
    private readonly DbContextOptions<PostgresSimCseDbContext>? _postgres;

    public SimCseDbContextFactory(IOptions<DatabaseOptions> options, DataPaths paths)
        : this(options?.Value ?? throw new ArgumentNullException(nameof(options)), paths?.Root ?? throw new ArgumentNullException(nameof(paths)))
    {
    }

    /// <param name="database">The provider settings.</param>
    /// <param name="dataRoot">The data directory (SQLite's file lives in it).</param>
    public SimCseDbContextFactory(DatabaseOptions database, string dataRoot)
    {
        ArgumentNullException.ThrowIfNull(database);
        IReadOnlyList<string> errors = database.Validate();
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(DatabaseOptions.SectionName, typeof(DatabaseOptions), errors);
        }
        IsPostgres = database.IsPostgres;
        if (IsPostgres)
        {
            _postgres = new DbContextOptionsBuilder<PostgresSimCseDbContext>()
                .UseNpgsql(database.ConnectionString)
                .Options;
        }
        else
        {
            string connection = database.ConnectionString is { Length: > 0 } configured
                ? configured
                : $"Data Source={Path.Combine(dataRoot, "simcse.db")}";
            _sqlite = new DbContextOptionsBuilder<SimCseDbContext>()
                .UseSqlite(connection)
                .AddInterceptors(new SqlitePragmas(database.BusyTimeout))
                .Options;
        }
    }

    public bool IsPostgres { get; }

    public SimCseDbContext CreateDbContext() => IsPostgres ? new PostgresSimCseDbContext(_postgres!) : new SimCseDbContext(_sqlite!);
}

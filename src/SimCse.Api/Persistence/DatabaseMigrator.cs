using Microsoft.EntityFrameworkCore;
using SimCse.Api.Serving;

namespace SimCse.Api.Persistence;

/// <summary>
/// Runs before anything else starts: with SQLite takes the data directory's lock (a second process stops here), then
/// creates or migrates the schema (both providers; EF Core serializes concurrent migrators of a fleet), then rewrites
/// checkpoint folders stored as absolute paths by older versions into paths relative to the data directory.
/// </summary>
public sealed partial class DatabaseMigrator(
    IDbContextFactory<SimCseDbContext> databases,
    DataPaths paths,
    ILogger<DatabaseMigrator> logger) : IHostedService, IDisposable
{
    private readonly DataDirectoryLock _lock = new(paths.Root);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using SimCseDbContext database = await databases.CreateDbContextAsync(cancellationToken);
        if (database.Database.IsSqlite())
        {
            _lock.Acquire();
        }
        await database.Database.MigrateAsync(cancellationToken);
        int relocated = await RelocateLegacyPathsAsync(database, cancellationToken);
        if (relocated > 0)
        {
            LogRelocated(logger, relocated);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _lock.Dispose();

    private async Task<int> RelocateLegacyPathsAsync(SimCseDbContext database, CancellationToken cancellationToken)
    {
        List<ModelRecord> checkpoints = await database.Models.Where(model => model.JobId != null).ToListAsync(cancellationToken);
        int changed = 0;
        foreach (ModelRecord record in checkpoints)
        {
            if (StoredPaths.RelocateLegacy(paths.Root, record.Folder, record.JobId!) is { } relative)
            {
                record.Folder = relative;
                changed++;
            }
        }
        await database.SaveChangesAsync(cancellationToken);
        return changed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rewrote {Count} checkpoint folder(s) stored as absolute paths to paths relative to the data directory")]
    private static partial void LogRelocated(ILogger logger, int count);
}

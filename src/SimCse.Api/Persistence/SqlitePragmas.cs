using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SimCse.Api.Persistence;

/// <summary>
/// Explicit SQLite settings on every connection instead of the library's defaults: WAL (readers never block the
/// writer; persistent in the file), <c>synchronous=NORMAL</c> (durable at every checkpoint of the WAL, safe
/// against application crashes), a busy timeout so a writer waits for the lock instead of failing at once, and
/// foreign keys on.
/// </summary>
public sealed class SqlitePragmas(TimeSpan busyTimeout) : DbConnectionInterceptor
{
    private string Sql => $"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={(long)busyTimeout.TotalMilliseconds}; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using DbCommand command = connection.CreateCommand();
        command.CommandText = Sql;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = Sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

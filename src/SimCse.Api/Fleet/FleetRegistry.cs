using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SimCse.Api.Configuration;
using SimCse.Api.Contracts;
using SimCse.Api.Persistence;

namespace SimCse.Api.Fleet;

/// <summary>The replicas' self-reports in the database: heartbeats with the model each serves and the one it failed to take.</summary>
public sealed class FleetRegistry(IDbContextFactory<SimCseDbContext> databases, IOptions<FleetOptions> options, TimeProvider time)
{
    public async Task ReportAsync(ReplicaRecord report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        report.HeartbeatAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using SimCseDbContext database = await databases.CreateDbContextAsync(cancellationToken);
        int updated = await database.Replicas.Where(r => r.Id == report.Id).ExecuteUpdateAsync(set => set
            .SetProperty(r => r.HeartbeatAt, report.HeartbeatAt)
            .SetProperty(r => r.ServingModel, report.ServingModel)
            .SetProperty(r => r.FailedModel, report.FailedModel)
            .SetProperty(r => r.FailedReason, report.FailedReason)
            .SetProperty(r => r.TrainingEnabled, report.TrainingEnabled), cancellationToken);
        if (updated == 0)
        {
            database.Replicas.Add(report);
            try
            {
                await database.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Inserted concurrently by a previous report of the same replica; the next report updates it.
            }
        }
    }

    /// <summary>Each replica seen within <see cref="FleetOptions.ReplicaTimeout"/>, with its state for <paramref name="modelId"/>.</summary>
    public async Task<IReadOnlyList<ReplicaModelState>> StatesForAsync(string modelId, CancellationToken cancellationToken)
    {
        long since = time.GetUtcNow().ToUnixTimeMilliseconds() - (long)options.Value.ReplicaTimeout.TotalMilliseconds;
        await using SimCseDbContext database = await databases.CreateDbContextAsync(cancellationToken);
        List<ReplicaRecord> replicas = await database.Replicas.AsNoTracking().Where(r => r.HeartbeatAt >= since)
            .OrderBy(r => r.Id).ToListAsync(cancellationToken);
        return replicas.Select(r => new ReplicaModelState(
            r.Id,
            r.ServingModel == modelId ? "serving" : r.FailedModel == modelId ? "failed" : "not_serving",
            r.ServingModel,
            r.FailedModel == modelId ? r.FailedReason : null,
            r.HeartbeatAt)).ToList();
    }
}

using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SimCse.Api.Persistence;

namespace SimCse.Api.Jobs;

/// <summary>Appends events to a job's log. Events are history, not state: the job's state is written only by <see cref="JobStore"/>.</summary>
public sealed class JobLog(IDbContextFactory<SimCseDbContext> databases)
{
    public Task InfoAsync(string jobId, string message, JsonObject? data = null) => AddAsync(jobId, "info", message, data);

    public Task WarnAsync(string jobId, string message, JsonObject? data = null) => AddAsync(jobId, "warn", message, data);

    /// <summary>A <c>metrics</c> event (a logged step or an evaluation).</summary>
    public Task MetricsAsync(string jobId, string message, JsonObject data) => AddAsync(jobId, "info", message, data, "metrics");

    public static JobEventRecord Create(string jobId, string level, string message, JsonObject? data = null, string type = "message") => new()
    {
        Id = ResourceIds.New("ftevent"),
        JobId = jobId,
        CreatedAt = UnixTime.Now(),
        Level = level,
        Type = type,
        Message = message,
        DataJson = data?.ToJsonString(),
    };

    private async Task AddAsync(string jobId, string level, string message, JsonObject? data, string type = "message")
    {
        await using SimCseDbContext database = await databases.CreateDbContextAsync(CancellationToken.None);
        database.JobEvents.Add(Create(jobId, level, message, data, type));
        await database.SaveChangesAsync(CancellationToken.None);
    }
}

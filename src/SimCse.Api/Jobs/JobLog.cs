using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SimCse.Api.Persistence;

namespace SimCse.Api.Jobs;

/// <summary>Appends events to a job's log (synchronously: the training thread calls it between steps).</summary>
public sealed class JobLog(IDbContextFactory<SimCseDbContext> databases)
{
    public void Info(string jobId, string message, JsonObject? data = null) => Add(jobId, "info", message, data);

    public void Warn(string jobId, string message, JsonObject? data = null) => Add(jobId, "warn", message, data);

    public void Error(string jobId, string message, JsonObject? data = null) => Add(jobId, "error", message, data);

    /// <summary>A <c>metrics</c> event (a logged step or an evaluation).</summary>
    public void Metrics(string jobId, string message, JsonObject data) => Add(jobId, "info", message, data, "metrics");

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

    private void Add(string jobId, string level, string message, JsonObject? data, string type = "message")
    {
        using SimCseDbContext database = databases.CreateDbContext();
        database.JobEvents.Add(Create(jobId, level, message, data, type));
        database.SaveChanges();
    }
}

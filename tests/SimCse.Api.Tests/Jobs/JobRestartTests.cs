using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SimCse.Api.Persistence;

namespace SimCse.Api.Tests.Jobs;

/// <summary>
/// Restart safety: a job found running at start-up (the process died under it) becomes failed/interrupted,
/// a queued one runs, and a checkpoint folder that was never registered is removed.
/// </summary>
public sealed class JobRestartTests
{
    private const string RunningId = "ftjob-rrrrrrrrrrrrrrrrrrrrrrrr";
    private const string QueuedId = "ftjob-qqqqqqqqqqqqqqqqqqqqqqqq";
    private const string GoneCheckpoint = "ft:all-MiniLM-L6-v2:" + RunningId + ":step-1";

    [Fact]
    public async Task ARunningJobBecomesFailedInterruptedAndAQueuedOneRunsAfterARestart()
    {
        string data = JobsApiFactory.NewTemporaryDirectory();
        try
        {
            await RestartAsync(data);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task RestartAsync(string data)
    {
        string training;
        await using (var first = new JobsApiFactory(data))
        {
            using HttpClient client = first.CreateClient();
            await JobsApi.WaitReadyAsync(client);
            training = await JobsApi.UploadIdAsync(client, JobsTestData.Sentences(10), "fine-tune");
        }

        // What the database and disk look like after a kill -9 mid-training (written while no service runs,
        // so no worker picks the rows up early).
        var options = new DbContextOptionsBuilder<SimCseDbContext>().UseSqlite($"Data Source={Path.Combine(data, "simcse.db")}").Options;
        await using (var database = new SimCseDbContext(options))
        {
            database.Jobs.Add(Job(RunningId, "running", training, "{\"batch_size\":4,\"max_steps\":10}"));
            database.Jobs.Add(Job(QueuedId, "queued", training, "{\"batch_size\":4,\"max_steps\":1,\"eval_steps\":1}"));
            // An active checkpoint whose folder the trainer pruned just before the crash.
            database.Models.Add(new ModelRecord { Id = GoneCheckpoint, Folder = Path.Combine(data, "checkpoints", RunningId, "step-1"), BaseModel = "all-MiniLM-L6-v2", JobId = RunningId, Step = 1 });
            database.Settings.Add(new ServiceSetting { Key = ServiceSetting.ActiveModelKey, Value = GoneCheckpoint });
            await database.SaveChangesAsync();
        }
        string stray = Path.Combine(data, "checkpoints", RunningId, "step-2");
        Directory.CreateDirectory(stray);
        await File.WriteAllTextAsync(Path.Combine(stray, "config.json"), "{}");

        await using var second = new JobsApiFactory(data);
        using HttpClient restarted = second.CreateClient();
        await JobsApi.WaitReadyAsync(restarted);
        JsonElement interrupted = await JobsApi.WaitForJobAsync(restarted, RunningId, JobsApi.IsFinished, TimeSpan.FromSeconds(30));
        Assert.Equal("failed", interrupted.GetProperty("status").GetString());
        Assert.Equal("interrupted", interrupted.GetProperty("error").GetProperty("code").GetString());
        Assert.False(Directory.Exists(stray));
        JsonElement events = (await JobsApi.GetJsonAsync(restarted, $"/v1/fine_tuning/jobs/{RunningId}/events")).GetProperty("data");
        Assert.Contains(events.EnumerateArray(), e => e.GetProperty("message").GetString()!.Contains("interrupted", StringComparison.Ordinal));

        // The vanished checkpoint's record is dropped, so start-up fell back to the configured model.
        await JobsApi.GetJsonAsync(restarted, $"/v1/models/{Uri.EscapeDataString(GoneCheckpoint)}", System.Net.HttpStatusCode.NotFound);
        JsonElement served = await JobsApi.PostJsonAsync(restarted, "/v1/embeddings", new { input = "hello" });
        Assert.Equal("all-MiniLM-L6-v2", served.GetProperty("model").GetString());

        JsonElement queued = await JobsApi.WaitForJobAsync(restarted, QueuedId, JobsApi.IsFinished, TimeSpan.FromMinutes(3));
        Assert.Equal("succeeded", queued.GetProperty("status").GetString());
    }

    private static FineTuningJobRecord Job(string id, string status, string trainingFile, string hyperparameters) => new()
    {
        Id = id,
        Model = "all-MiniLM-L6-v2",
        Status = status,
        CreatedAt = 1,
        Method = "unsupervised",
        HyperparametersJson = hyperparameters,
        TrainingFile = trainingFile,
    };
}

using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SimCse.Api.Persistence;

namespace SimCse.Api.Tests.Jobs;

/// <summary>A job found running at start-up (the process died under it) becomes failed/interrupted; stray checkpoint folders are removed.</summary>
public sealed class JobRestartTests
{
    [Fact]
    public async Task ARunningJobBecomesFailedInterruptedAfterARestart()
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
        string jobId = "ftjob-" + new string('r', 24);
        string stray;
        await using (var first = new JobsApiFactory(data))
        {
            using HttpClient client = first.CreateClient();
            await JobsApi.WaitReadyAsync(client);
            string training = await JobsApi.UploadIdAsync(client, JobsTestData.Sentences(10), "fine-tune");
            using IServiceScope scope = first.Services.CreateScope();
            await using SimCseDbContext database = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<SimCseDbContext>>().CreateDbContextAsync();
            database.Jobs.Add(new FineTuningJobRecord
            {
                Id = jobId,
                Model = "all-MiniLM-L6-v2",
                Status = "running",
                CreatedAt = 1,
                Method = "unsupervised",
                HyperparametersJson = "{\"batch_size\":8}",
                TrainingFile = training,
                Step = 3,
                TotalSteps = 10,
            });
            await database.SaveChangesAsync();
            // What a kill during a checkpoint write leaves: a published but unregistered folder.
            stray = Path.Combine(data, "checkpoints", jobId, "step-2");
            Directory.CreateDirectory(stray);
            await File.WriteAllTextAsync(Path.Combine(stray, "config.json"), "{}");
        }

        await using var second = new JobsApiFactory(data);
        using HttpClient restarted = second.CreateClient();
        await JobsApi.WaitReadyAsync(restarted);
        JsonElement job = await JobsApi.WaitForJobAsync(restarted, jobId, JobsApi.IsFinished, TimeSpan.FromSeconds(30));
        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Equal("interrupted", job.GetProperty("error").GetProperty("code").GetString());
        Assert.False(Directory.Exists(stray));
        JsonElement events = (await JobsApi.GetJsonAsync(restarted, $"/v1/fine_tuning/jobs/{jobId}/events")).GetProperty("data");
        Assert.Contains(events.EnumerateArray(), e => e.GetProperty("message").GetString()!.Contains("interrupted", StringComparison.Ordinal));
    }
}

using System.Text.Json;

namespace SimCse.Api.Tests.Jobs;

/// <summary><c>auto_activate</c>: the best checkpoint and the active model are evaluated on the validation file, and the decision follows the numbers.</summary>
[Collection(JobsTestGroup.Name)]
public sealed class AutoActivationTests(JobsHost host)
{
    [Fact]
    public async Task AutoActivateComparesWithTheActiveModelAndActivatesOnlyABetterCheckpoint()
    {
        HttpClient client = host.Client;
        await JobsApi.PostJsonAsync(client, "/v1/models/all-MiniLM-L6-v2/activate", new { });
        string training = await JobsApi.UploadIdAsync(client, JobsTestData.Sentences(40), "fine-tune");
        string validation = await JobsApi.UploadIdAsync(client, JobsTestData.StsPairs(30), "evaluation");
        JsonElement created = await JobsApi.PostJsonAsync(client, "/v1/fine_tuning/jobs", new
        {
            model = "all-MiniLM-L6-v2",
            training_file = training,
            validation_file = validation,
            method = new { type = "unsupervised", hyperparameters = new { batch_size = 8, max_steps = 2, eval_steps = 2 } },
            auto_activate = true,
        });
        string jobId = created.GetProperty("id").GetString()!;
        Assert.True(created.GetProperty("auto_activate").GetBoolean());

        JsonElement job = await JobsApi.WaitForJobAsync(client, jobId, JobsApi.IsFinished, TimeSpan.FromMinutes(5));
        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        string checkpoint = job.GetProperty("fine_tuned_model").GetString()!;

        JsonElement events = (await JobsApi.GetJsonAsync(client, $"/v1/fine_tuning/jobs/{jobId}/events")).GetProperty("data");
        JsonElement comparison = events.EnumerateArray().Single(e => e.GetProperty("data") is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty("checkpoint_spearman", out _)).GetProperty("data");
        Assert.Equal(checkpoint, comparison.GetProperty("checkpoint").GetString());
        Assert.Equal("all-MiniLM-L6-v2", comparison.GetProperty("active_model").GetString());
        bool better = comparison.GetProperty("checkpoint_spearman").GetDouble() > comparison.GetProperty("active_spearman").GetDouble();

        JsonElement served = await JobsApi.PostJsonAsync(client, "/v1/embeddings", new { input = "which model?" });
        Assert.Equal(better ? checkpoint : "all-MiniLM-L6-v2", served.GetProperty("model").GetString());
        Assert.Contains(events.EnumerateArray(), e => e.GetProperty("message").GetString()!.StartsWith(better ? "auto_activate: activated" : "auto_activate: not activated", StringComparison.Ordinal));

        await JobsApi.PostJsonAsync(client, "/v1/models/all-MiniLM-L6-v2/activate", new { });
    }
}

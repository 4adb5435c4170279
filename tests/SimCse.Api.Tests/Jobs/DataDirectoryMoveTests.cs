using System.Text.Json;

namespace SimCse.Api.Tests.Jobs;

/// <summary>
/// Moving the data directory (stop, <c>mv</c>, start on the new path) keeps every fine-tuned model listed,
/// activatable and served (reproduced on main: start-up recovery deleted the moved checkpoint folders because
/// the registry stored absolute paths).
/// </summary>
public sealed class DataDirectoryMoveTests
{
    [Fact]
    public async Task AFineTunedModelSurvivesAMoveOfTheDataDirectory()
    {
        string original = JobsApiFactory.NewTemporaryDirectory();
        string moved = JobsApiFactory.NewTemporaryDirectory();
        try
        {
            string checkpoint;
            await using (var first = new JobsApiFactory(original))
            {
                using HttpClient client = first.CreateClient();
                await JobsApi.WaitReadyAsync(client);
                string training = await JobsApi.UploadIdAsync(client, JobsTestData.Sentences(12), "fine-tune");
                JsonElement created = await JobsApi.PostJsonAsync(client, "/v1/fine_tuning/jobs", new
                {
                    model = "all-MiniLM-L6-v2",
                    training_file = training,
                    method = new { type = "unsupervised", hyperparameters = new { batch_size = 4, max_steps = 1, eval_steps = 1 } },
                });
                JsonElement job = await JobsApi.WaitForJobAsync(client, created.GetProperty("id").GetString()!, JobsApi.IsFinished, TimeSpan.FromMinutes(3));
                Assert.Equal("succeeded", job.GetProperty("status").GetString());
                checkpoint = job.GetProperty("fine_tuned_model").GetString()!;
            }

            Directory.Move(original, moved);

            await using var second = new JobsApiFactory(moved);
            using HttpClient restarted = second.CreateClient();
            await JobsApi.WaitReadyAsync(restarted);
            JsonElement models = (await JobsApi.GetJsonAsync(restarted, "/v1/models")).GetProperty("data");
            Assert.Contains(models.EnumerateArray(), model => model.GetProperty("id").GetString() == checkpoint);
            JsonElement activated = await JobsApi.PostJsonAsync(restarted, $"/v1/models/{Uri.EscapeDataString(checkpoint)}/activate", new { });
            Assert.Equal(checkpoint, activated.GetProperty("id").GetString());
            JsonElement served = await JobsApi.PostJsonAsync(restarted, "/v1/embeddings", new { input = "hello" });
            Assert.Equal(checkpoint, served.GetProperty("model").GetString());
            Assert.True(Directory.EnumerateDirectories(Path.Combine(moved, "checkpoints")).Any());
        }
        finally
        {
            foreach (string folder in new[] { original, moved })
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        }
    }
}

using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SimCse.Api.Persistence;
using SimCse.Api.Registry;
using SimCse.Api.Tests.Jobs;

namespace SimCse.Api.Tests.Hardening;

/// <summary>
/// A start never ends permanently unready because of a damaged model: a persisted active model that fails to load
/// falls back to the configured one (reported in /v1/models), orphaned uploads are swept, and a damaged packaged-model cache is re-imported.
/// Each test restarts the real service on its own data directory.
/// </summary>
public sealed class StartupFailSafeTests
{
    private const string Packaged = "all-MiniLM-L6-v2";

    [Fact]
    public async Task APersistedActiveModelThatFailsToLoadFallsBackToTheConfiguredModel()
    {
        string data = JobsApiFactory.NewTemporaryDirectory();
        const string broken = "ft:all-MiniLM-L6-v2:ftjob-broken:step-1";
        try
        {
            await using (var first = new JobsApiFactory(data))
            {
                using HttpClient client = first.CreateClient();
                await JobsApi.WaitReadyAsync(client);
                string folder = Path.Combine(data, "checkpoints", "broken");
                Directory.CreateDirectory(folder);
                await File.WriteAllTextAsync(Path.Combine(folder, "config.json"), "{ not json");
                ModelRegistry registry = first.Services.GetRequiredService<ModelRegistry>();
                await registry.RegisterAsync(new ModelRecord { Id = broken, Folder = folder, BaseModel = Packaged, CreatedAt = UnixTime.Now() }, CancellationToken.None);
                // As if it had been activated before the restart (the folder broke later).
                await registry.SetActiveModelIdAsync(broken, CancellationToken.None);
            }
            // An upload a crash interrupted before its rename.
            string orphan = Path.Combine(data, "files", "file-crashed.upload");
            Directory.CreateDirectory(Path.GetDirectoryName(orphan)!);
            await File.WriteAllTextAsync(orphan, "half an upl");

            await using var restarted = new JobsApiFactory(data);
            using HttpClient again = restarted.CreateClient();
            await WaitReadyOrFailedAsync(again);

            JsonElement models = await JobsApi.GetJsonAsync(again, "/v1/models?limit=100");
            JsonElement[] listed = [.. models.GetProperty("data").EnumerateArray()];
            Assert.True(listed.Single(model => model.GetProperty("id").GetString() == Packaged).GetProperty("active").GetBoolean());
            JsonElement failed = listed.Single(model => model.GetProperty("id").GetString() == broken);
            Assert.False(failed.GetProperty("active").GetBoolean());
            Assert.Contains("failed to load", failed.GetProperty("load_error").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain(data, failed.GetProperty("load_error").GetString(), StringComparison.Ordinal);
            Assert.False(File.Exists(orphan));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task ADamagedPackagedModelCacheIsReimported()
    {
        string data = JobsApiFactory.NewTemporaryDirectory();
        try
        {
            string weights;
            long size;
            await using (var first = new JobsApiFactory(data))
            {
                using HttpClient client = first.CreateClient();
                await JobsApi.WaitReadyAsync(client);
                weights = Directory.EnumerateFiles(Path.Combine(data, "models", Packaged), "*.safetensors").Single();
                size = new FileInfo(weights).Length;
            }
            // A crash or a full disk left half of the weights.
            await using (var stream = new FileStream(weights, FileMode.Open))
            {
                stream.SetLength(size / 2);
            }

            await using var restarted = new JobsApiFactory(data);
            using HttpClient again = restarted.CreateClient();
            await WaitReadyOrFailedAsync(again);

            Assert.Equal(size, new FileInfo(weights).Length);
            JsonElement embedding = await JobsApi.PostJsonAsync(again, "/v1/embeddings", new { input = "hello" });
            Assert.Equal(Packaged, embedding.GetProperty("model").GetString());
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>Ready, or fails at once when the service reports that its start-up model failed.</summary>
    private static async Task WaitReadyOrFailedAsync(HttpClient client)
    {
        for (int attempt = 0; attempt < 600; attempt++)
        {
            using HttpResponseMessage response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }
            string body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("failed to load", body, StringComparison.Ordinal);
            await Task.Delay(200);
        }
        throw new TimeoutException("The service did not become ready.");
    }
}

using SimCse.Api.Tests.Jobs;

namespace SimCse.Api.Tests.Persistence;

/// <summary>With SQLite a second process on the same data directory refuses to start instead of settling the first one's jobs and cleaning its files.</summary>
public sealed class DataDirectoryLockTests
{
    [Fact]
    public async Task ASecondProcessOnTheSameSqliteDirectoryRefusesToStart()
    {
        await using var first = new JobsApiFactory();
        using HttpClient client = first.CreateClient();
        await JobsApi.WaitReadyAsync(client);

        using var second = ServiceProcess.Start(new Dictionary<string, string>
        {
            ["SimCse:DataDirectory"] = first.DataDirectory,
            ["urls"] = "http://127.0.0.1:18391",
        });
        Assert.True(second.WaitForExit(TimeSpan.FromMinutes(2)), $"The second process kept running: {second.Output}");
        Assert.NotEqual(0, second.ExitCode);
        Assert.Contains("Another process is using the data directory", second.Output, StringComparison.Ordinal);

        // The first one is untouched and still serves.
        JsonElementAssert(await JobsApi.PostJsonAsync(client, "/v1/embeddings", new { input = "still here" }));
    }

    private static void JsonElementAssert(System.Text.Json.JsonElement served) =>
        Assert.Equal("all-MiniLM-L6-v2", served.GetProperty("model").GetString());
}

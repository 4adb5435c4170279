using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using SimCse.Api.Tests.Jobs;
using SimCse.Api.Tests.Persistence;
using SimCse.Modeling.Runtime;

namespace SimCse.Api.Tests.Hosting;

/// <summary>
/// The service as its own OS process re-executes itself on the vendored tcmalloc (same pid, so supervisors and the
/// tests' own handle keep pointing at it), says so in its start-up log, and keeps glibc's malloc when told to.
/// </summary>
public sealed class NativeAllocatorProcessTests
{
    [Fact]
    public async Task TheServiceRunsOnTcmallocSaysSoAndServes()
    {
        int port = FreePort();
        using ServiceProcess service = StartUntilLogged(port, environment: null);

        Assert.True(NativeAllocatorPreload.IsLoadedInProcess(service.Id), "libtcmalloc_minimal is not mapped into the service process.");
        Assert.Contains("Native runtime: allocator tcmalloc (preloaded)", service.Output, StringComparison.Ordinal);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await JobsApi.WaitReadyAsync(client);
        using HttpResponseMessage response = await client.PostAsJsonAsync("/v1/embeddings", new { input = new[] { "a cat sat on the mat", "tcmalloc serves" } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonElement data = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
        Assert.Equal(2, data.GetArrayLength());
        Assert.Equal(384, data[1].GetProperty("embedding").GetArrayLength());
    }

    [Fact]
    public void SystemKeepsTheCLibraryMalloc()
    {
        using ServiceProcess service = StartUntilLogged(FreePort(), new Dictionary<string, string> { [NativeAllocatorPreload.ChoiceVariable] = "system" });

        Assert.False(NativeAllocatorPreload.IsLoadedInProcess(service.Id), "tcmalloc was preloaded although SIMCSE_NATIVE_ALLOCATOR=system.");
        Assert.Contains("Native runtime: allocator the C library's malloc", service.Output, StringComparison.Ordinal);
    }

    private static ServiceProcess StartUntilLogged(int port, IReadOnlyDictionary<string, string>? environment)
    {
        var service = ServiceProcess.Start(new Dictionary<string, string>
        {
            ["SimCse:DataDirectory"] = Path.Combine(Path.GetTempPath(), "simcse-tests", Guid.NewGuid().ToString("N")),
            ["urls"] = $"http://127.0.0.1:{port}",
        }, environment);
        DateTime deadline = DateTime.UtcNow.AddMinutes(2);
        while (!service.Output.Contains("Native runtime: allocator", StringComparison.Ordinal))
        {
            if (service.HasExited || DateTime.UtcNow > deadline)
            {
                string output = service.Output;
                service.Dispose();
                Assert.Fail($"The service did not log its native runtime: {output}");
            }
            Thread.Sleep(100);
        }
        return service;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

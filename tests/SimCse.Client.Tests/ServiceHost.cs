using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace SimCse.Client.Tests;

/// <summary>
/// The real service (packaged MiniLM, real TorchSharp, real SQLite, Kestrel on a loopback port) on a fresh
/// data directory, with a small per-request input limit so the client's splitting is exercised.
/// </summary>
public sealed class ServiceHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const int ServerBatchLimit = 4;
    public const string ModelId = "all-MiniLM-L6-v2";

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "simcse-client-tests", Guid.NewGuid().ToString("N"));

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>A plain HttpClient for raw requests (the reference the client is compared with).</summary>
    public HttpClient Raw { get; private set; } = null!;

    public static string SharedData { get; } = Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "data"));

    public async Task InitializeAsync()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        BaseAddress = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");
        Raw = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        // A deadline only so a broken start fails the run instead of hanging it; not a timing assertion.
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (true)
        {
            using HttpResponseMessage ready = await Raw.GetAsync(new Uri("health/ready", UriKind.Relative), deadline.Token);
            if (ready.StatusCode == HttpStatusCode.OK)
            {
                return;
            }
            await Task.Delay(200, deadline.Token);
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        Raw.Dispose();
        await DisposeAsync();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("SimCse:DataDirectory", DataDirectory);
        builder.UseSetting("SimCse:Model:Device", "cpu");
        builder.UseSetting("SimCse:Batching:MaxClientBatchSize", ServerBatchLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SimCseService.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"SimCseService.sln not found above {AppContext.BaseDirectory}.");
    }
}

using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace SimCse.Api.Tests.Infrastructure;

/// <summary>
/// The real service (real model, real Kestrel on a free loopback port) for a group of tests. Kestrel
/// rather than the in-memory TestServer so the OpenAI SDK, disconnects and body limits behave as they do
/// in production. Ready once <c>/health/ready</c> answers 200.
/// </summary>
public class SimCseFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(3);

    private HttpClient? _client;

    /// <summary>The service's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>A client shared by the tests of this factory (no default headers).</summary>
    public HttpClient Client => _client ?? throw new InvalidOperationException("The factory has not been initialised.");

    public async Task InitializeAsync()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        string address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
        _client = CreateHttpClient();
        await WaitUntilReadyAsync(_client);
    }

    /// <summary>A new client for this service, for tests that set headers or need their own connections.</summary>
    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };

    async Task IAsyncLifetime.DisposeAsync()
    {
        _client?.Dispose();
        await DisposeAsync();
    }

    /// <summary>Configuration on top of appsettings.json; subclasses add theirs.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> Settings() =>
    [
        new("SimCse:DataDirectory", TestPaths.SharedDataDirectory),
        new("SimCse:Model:Device", "cpu"),
        // Request logs of hundreds of bad requests would drown the test output.
        new("Serilog:MinimumLevel:Default", "Warning"),
    ];

    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach ((string key, string value) in Settings())
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(ConfigureTestServices);
    }

    private static async Task WaitUntilReadyAsync(HttpClient client)
    {
        // A deadline only so a broken start fails the run instead of hanging it; not a timing assertion.
        using var deadline = new CancellationTokenSource(ReadyTimeout);
        while (true)
        {
            using HttpResponseMessage response = await client.GetAsync(new Uri("health/ready", UriKind.Relative), deadline.Token);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }
            string body = await response.Content.ReadAsStringAsync(deadline.Token);
            if (body.Contains("failed to load", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The service will never be ready: {body}");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
        }
    }
}

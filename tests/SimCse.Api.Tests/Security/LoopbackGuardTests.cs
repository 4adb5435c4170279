using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SimCse.Api.Configuration;
using SimCse.Api.Security;

namespace SimCse.Api.Tests.Security;

/// <summary>
/// A keyless service serves loopback only: the start-up check stops it when it listens elsewhere, and the
/// middleware refuses non-loopback callers. Unit tests: the tests may only listen on loopback themselves.
/// </summary>
public sealed class LoopbackGuardTests
{
    [Theory]
    [InlineData("http://localhost:8080", true)]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("http://127.1.2.3:5000", true)]
    [InlineData("http://[::1]:80", true)]
    [InlineData("https://LOCALHOST:443/", true)]
    [InlineData("http://0.0.0.0:8080", false)]
    [InlineData("http://[::]:8080", false)]
    [InlineData("http://*:8080", false)]
    [InlineData("http://+:8080", false)]
    [InlineData("http://10.1.2.3:8080", false)]
    [InlineData("http://example.com:8080", false)]
    public void RecognisesLoopbackUrls(string url, bool loopback) => Assert.Equal(loopback, LoopbackAddresses.IsLoopbackUrl(url));

    [Theory]
    [InlineData("http://0.0.0.0:8080", false, false, true)]
    [InlineData("http://localhost:8080", false, false, false)]
    [InlineData("http://0.0.0.0:8080", true, false, false)]
    [InlineData("http://0.0.0.0:8080", false, true, false)]
    public async Task StopsAKeylessServiceOnANonLoopbackAddress(string address, bool withKey, bool allowAnonymous, bool stops)
    {
        var options = new AuthOptions { AllowAnonymous = allowAnonymous };
        if (withKey)
        {
            options.AdminApiKeys.Add("admin");
        }
        using var lifetime = new RecordingLifetime();
        var check = new AnonymousBindingCheck(new ApiKeyRing(Options.Create(options)), new ListeningServer(address), lifetime, NullLogger<AnonymousBindingCheck>.Instance);
        int exitCode = Environment.ExitCode;
        try
        {
            await check.StartAsync(CancellationToken.None);
            lifetime.Start();

            Assert.Equal(stops, lifetime.StopRequested);
        }
        finally
        {
            Environment.ExitCode = exitCode;
        }
    }

    [Theory]
    [InlineData("10.0.0.7", HttpStatusCode.Forbidden)]
    [InlineData("::ffff:127.0.0.1", HttpStatusCode.OK)]
    [InlineData("127.0.0.1", HttpStatusCode.OK)]
    public async Task AKeylessServiceRefusesNonLoopbackCallers(string remote, HttpStatusCode expected)
    {
        var services = new ServiceCollection().AddLogging()
            .AddSingleton(new ApiKeyRing(Options.Create(new AuthOptions())))
            .BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        context.Response.Body = new MemoryStream();
        context.SetEndpoint(new Endpoint(_ => Task.CompletedTask, new EndpointMetadataCollection(new ApiKeyRequirement(RequireAdmin: false)), "test"));
        bool reached = false;
        var middleware = new ApiKeyMiddleware(_ =>
        {
            reached = true;
            return Task.CompletedTask;
        });

        await middleware.InvokeAsync(context);

        Assert.Equal(expected == HttpStatusCode.OK, reached);
        Assert.Equal((int)expected, context.Response.StatusCode);
    }

    private sealed class ListeningServer : IServer
    {
        public ListeningServer(string address)
        {
            var addresses = new ServerAddressesFeature();
            addresses.Addresses.Add(address);
            Features.Set<IServerAddressesFeature>(addresses);
        }

        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }

    private sealed class RecordingLifetime : IHostApplicationLifetime, IDisposable
    {
        private readonly CancellationTokenSource _started = new();
        private readonly CancellationTokenSource _stopping = new();

        public bool StopRequested { get; private set; }

        public CancellationToken ApplicationStarted => _started.Token;

        public CancellationToken ApplicationStopping => _stopping.Token;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void Start() => _started.Cancel();

        public void StopApplication() => StopRequested = true;

        public void Dispose()
        {
            _started.Dispose();
            _stopping.Dispose();
        }
    }
}

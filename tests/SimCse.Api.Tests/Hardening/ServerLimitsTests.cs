using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SimCse.Api.Serving;
using SimCse.Api.Tests.Infrastructure;
using SimCse.Api.Tests.Overload;

namespace SimCse.Api.Tests.Hardening;

/// <summary>Connection and request limits from <c>SimCse:Server</c>, on the real Kestrel.</summary>
public sealed class ServerLimitsTests(ServerLimitsTests.TightFactory service) : IClassFixture<ServerLimitsTests.TightFactory>
{
    [Fact]
    public void KestrelRunsWithTheConfiguredLimits()
    {
        KestrelServerLimits limits = service.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;

        Assert.Equal(1024, limits.MaxConcurrentConnections);
        Assert.Equal(TimeSpan.FromSeconds(15), limits.RequestHeadersTimeout);
        Assert.Equal(16, limits.MaxRequestHeaderCount);
        Assert.Equal(240, limits.MinRequestBodyDataRate!.BytesPerSecond);
    }

    [Fact]
    public async Task TooManyHeadersAreRefused()
    {
        using HttpClient client = service.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("health/live", UriKind.Relative));
        for (int i = 0; i < 32; i++)
        {
            request.Headers.TryAddWithoutValidation($"X-Filler-{i}", "x");
        }

        using HttpResponseMessage response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task ARequestPastTheTimeoutIs503Problem()
    {
        Task entered = service.Gate.Arm();
        try
        {
            Task<HttpResponseMessage> stuck = Json.PostAsync(service.Client, "v1/embeddings", """{"input": "held by the gate"}""");
            await entered;

            using HttpResponseMessage response = await stuck;

            string? detail = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable);
            Assert.Contains("RequestTimeout", detail, StringComparison.Ordinal);
        }
        finally
        {
            service.Gate.Release();
        }
    }

    /// <summary>A gated model (so a request can be held) with a 1 s request timeout and a 16-header limit.</summary>
    public sealed class TightFactory : SimCseFactory
    {
        public ForwardGate Gate { get; } = new();

        protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
        [
            .. base.Settings(),
            new("SimCse:Server:RequestTimeout", "00:00:01"),
            new("SimCse:Server:MaxRequestHeaderCount", "16"),
        ];

        protected override void ConfigureTestServices(IServiceCollection services)
        {
            services.AddSingleton(Gate);
            services.AddSingleton<GatedModelSource>();
            services.AddSingleton<IStartupModelSource>(provider => provider.GetRequiredService<GatedModelSource>());
        }

        protected override void Dispose(bool disposing)
        {
            Gate.Release();
            base.Dispose(disposing);
            if (disposing)
            {
                Gate.Dispose();
            }
        }
    }
}

using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using SimCse.Api.Tests.Infrastructure;
using SimCse.Api.Tests.Jobs;

namespace SimCse.Api.Tests.Security;

/// <summary>Secure by default, through the real service: admin needs an admin key, no CSRF, no foreign hosts.</summary>
[Collection(SharedService.Name)]
public sealed class SecureDefaultsTests(ServiceFactory service)
{
    private const string Activate = "v1/models/all-MiniLM-L6-v2/activate";

    [Theory]
    [InlineData("GET", "/v1/files")]
    [InlineData("GET", "/v1/fine_tuning/jobs")]
    [InlineData("POST", "/v1/models/all-MiniLM-L6-v2/activate")]
    [InlineData("DELETE", "/v1/files/file-x")]
    public async Task WithUserKeysAloneAUserKeyIsNotAdmin(string method, string path)
    {
        await using var factory = new UserKeysOnlyFactory();
        using HttpClient client = factory.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "user-key");

        using HttpResponseMessage response = await client.SendAsync(request);

        string? detail = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("AdminApiKeys", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData("Origin", "http://evil.example")]
    [InlineData("Origin", "null")]
    public async Task ACrossSiteBrowserRequestCannotActivate(string header, string value)
    {
        using HttpClient client = service.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Activate, UriKind.Relative));
        request.Headers.TryAddWithoutValidation(header, value);

        using HttpResponseMessage response = await client.SendAsync(request);

        string? detail = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains("Cross-origin", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASameOriginOrNonBrowserRequestStillActivates()
    {
        using HttpClient client = service.CreateHttpClient();
        using var sameOrigin = new HttpRequestMessage(HttpMethod.Post, new Uri(Activate, UriKind.Relative));
        sameOrigin.Headers.TryAddWithoutValidation("Origin", service.BaseAddress.GetLeftPart(UriPartial.Authority));
        sameOrigin.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "same-origin");
        using var plain = new HttpRequestMessage(HttpMethod.Post, new Uri(Activate, UriKind.Relative));

        using HttpResponseMessage fromPage = await client.SendAsync(sameOrigin);
        using HttpResponseMessage fromCurl = await client.SendAsync(plain);

        Assert.Equal(HttpStatusCode.OK, fromPage.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fromCurl.StatusCode);
    }

    [Fact]
    public async Task AKeylessServiceAnswersOnlyToLoopbackHostNames()
    {
        // DNS rebinding: a page on evil.example resolving to 127.0.0.1 would be same-origin with the service.
        using HttpClient client = service.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("v1/models", UriKind.Relative));
        request.Headers.Host = "evil.example";

        using HttpResponseMessage response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private sealed class UserKeysOnlyFactory : WebApplicationFactory<Program>
    {
        private readonly string _data = JobsApiFactory.NewTemporaryDirectory();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("SimCse:DataDirectory", _data);
            builder.UseSetting("SimCse:Auth:ApiKeys:0", "user-key");
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            if (Directory.Exists(_data))
            {
                Directory.Delete(_data, recursive: true);
            }
        }
    }
}

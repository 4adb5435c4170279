using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SimCse.Api.Tests.Jobs;

/// <summary>Files, jobs and evaluations are admin routes: with admin keys configured, a user key gets 401.</summary>
public sealed class AdminKeyTests
{
    [Theory]
    [InlineData("GET", "/v1/files")]
    [InlineData("GET", "/v1/fine_tuning/jobs")]
    [InlineData("POST", "/v1/fine_tuning/jobs/ftjob-x/cancel")]
    [InlineData("POST", "/v1/evaluations")]
    public async Task AUserKeyIsNotEnough(string method, string path)
    {
        await using var factory = new KeyedFactory();
        using HttpClient client = factory.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "user-key");
        // A well-formed body: JSON bodies are bound before endpoint filters run, so a missing one would be a 415 first.
        request.Content = method == "POST" ? JsonContent.Create(new { file = "file-x" }) : null;
        using HttpResponseMessage response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);

        using var admin = new HttpRequestMessage(HttpMethod.Get, new Uri("/v1/files", UriKind.Relative));
        admin.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "admin-key");
        using HttpResponseMessage allowed = await client.SendAsync(admin);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    private sealed class KeyedFactory : WebApplicationFactory<Program>
    {
        private readonly string _data = JobsApiFactory.NewTemporaryDirectory();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("SimCse:DataDirectory", _data);
            builder.UseSetting("SimCse:Auth:ApiKeys:0", "user-key");
            builder.UseSetting("SimCse:Auth:AdminApiKeys:0", "admin-key");
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

using System.Net;
using System.Net.Http.Headers;
using SimCse.Api.Tests.Infrastructure;

namespace SimCse.Api.Tests.Security;

/// <summary>With keys configured, /v1 needs a Bearer key (user or admin); operations routes stay open.</summary>
public sealed class AuthTests(AuthFactory service) : IClassFixture<AuthFactory>
{
    private const string Body = """{"input": "hello"}""";

    [Fact]
    public async Task MissingKeyIs401WithChallenge()
    {
        using HttpResponseMessage response = await Json.PostAsync(service.Client, "v1/embeddings", Body);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Bearer");
    }

    [Theory]
    [InlineData("Bearer wrong")]
    [InlineData("Bearer K1")]
    [InlineData("Bearer k1x")]
    [InlineData("Basic k1")]
    [InlineData("k1")]
    [InlineData("Bearer ")]
    public async Task WrongKeyIs401(string authorization)
    {
        using HttpClient client = service.CreateHttpClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);

        using HttpResponseMessage response = await Json.PostAsync(client, "v1/embeddings", Body);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Bearer");
    }

    [Theory]
    [InlineData(AuthFactory.UserKey)]
    [InlineData(AuthFactory.AdminKey)]
    public async Task UserAndAdminKeysAreAccepted(string key)
    {
        using HttpClient client = service.CreateHttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        using HttpResponseMessage embeddings = await Json.PostAsync(client, "v1/embeddings", Body);
        using HttpResponseMessage models = await client.GetAsync(new Uri("v1/models", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, embeddings.StatusCode);
        Assert.Equal(HttpStatusCode.OK, models.StatusCode);
    }

    [Theory]
    [InlineData("v1/models")]
    [InlineData("v1/models/all-MiniLM-L6-v2")]
    public async Task EveryV1RouteNeedsAKey(string path)
    {
        using HttpResponseMessage response = await service.Client.GetAsync(new Uri(path, UriKind.Relative));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("health/live")]
    [InlineData("health/ready")]
    [InlineData("metrics")]
    [InlineData("swagger/index.html")]
    [InlineData("swagger/v1/swagger.json")]
    public async Task OperationsRoutesStayOpen(string path)
    {
        using HttpResponseMessage response = await service.Client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task MissingKeyWinsOverABadBody()
    {
        // Without a key the caller learns nothing about the body: 401 comes before validation.
        using HttpResponseMessage response = await Json.PostAsync(service.Client, "v1/embeddings", """{"input": 42""");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }
}

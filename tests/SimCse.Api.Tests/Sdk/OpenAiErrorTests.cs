using System.ClientModel;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using OpenAI;
using OpenAI.Embeddings;
using SimCse.Api.Tests.Infrastructure;

namespace SimCse.Api.Tests.Sdk;

/// <summary>
/// Error bodies that OpenAI SDKs can read: RFC 7807 fields plus OpenAI's <c>error</c> member, and
/// <c>application/json</c> for clients whose Accept does not ask for problem+json (the Node SDK parses
/// error bodies only under that content type).
/// </summary>
[Collection(SharedService.Name)]
public sealed class OpenAiErrorTests(ServiceFactory service)
{
    private const string ModelId = "all-MiniLM-L6-v2";

    [Fact]
    public async Task DotNetSdkShowsTheServiceDetailForAnUnknownModel()
    {
        var client = new EmbeddingClient("no-such-model", new ApiKeyCredential("unused"), new OpenAIClientOptions { Endpoint = new Uri(service.BaseAddress, "v1") });

        ClientResultException error = await Assert.ThrowsAsync<ClientResultException>(() => client.GenerateEmbeddingAsync("A sentence."));

        Assert.Equal(404, error.Status);
        Assert.Contains("'no-such-model' is not loaded", error.Message, StringComparison.Ordinal);
        Assert.Contains(ModelId, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonAcceptGetsJsonWithTheOpenAiErrorMember()
    {
        using HttpResponseMessage response = await PostAsync("""{"input": [], "model": "all-MiniLM-L6-v2"}""", "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        JsonNode body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        AssertRfc7807(body, 400);
        JsonNode error = body["error"]!;
        Assert.Equal(body["detail"]!.GetValue<string>(), error["message"]!.GetValue<string>());
        Assert.Equal("invalid_request_error", error["type"]!.GetValue<string>());
        Assert.Equal("input", error["param"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(error["code"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("*/*")]
    [InlineData("application/problem+json")]
    [InlineData("application/json, application/problem+json")]
    public async Task OtherClientsKeepProblemJsonWithTheErrorMember(string? accept)
    {
        using HttpResponseMessage response = await PostAsync("""{"input": "x", "model": "no-such-model"}""", accept);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        JsonNode body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        AssertRfc7807(body, 404);
        Assert.Equal(body["detail"]!.GetValue<string>(), body["error"]!["message"]!.GetValue<string>());
        Assert.Equal("model", body["error"]!["param"]!.GetValue<string>());
        Assert.Equal("model_not_found", body["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task MalformedJsonNamesTheFieldInTheErrorMember()
    {
        using HttpResponseMessage response = await PostAsync("""{"input": "x", "dimensions": "many"}""", "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonNode body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("dimensions", body["error"]!["param"]!.GetValue<string>());
    }

    [Fact]
    public async Task RoutingProblemsCarryTheErrorMemberToo()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("v1/embeddings", UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using HttpResponseMessage response = await service.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        JsonNode body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.False(string.IsNullOrWhiteSpace(body["error"]!["message"]!.GetValue<string>()));
    }

    private static void AssertRfc7807(JsonNode body, int status)
    {
        Assert.Equal(status, body["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(body["title"]!.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(body["detail"]!.GetValue<string>()));
    }

    private async Task<HttpResponseMessage> PostAsync(string json, string? accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("v1/embeddings", UriKind.Relative)) { Content = Json.Content(json) };
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }
        return await service.Client.SendAsync(request);
    }
}

using System.Text.Json.Nodes;
using SimCse.Api.Tests.Infrastructure;

namespace SimCse.Api.Tests.Sdk;

/// <summary>
/// The OpenAI Node SDK (npm <c>openai@6.49.0</c>) and LangChain JS's <c>OpenAIEmbeddings</c> against the
/// real service on loopback Kestrel: their vectors equal <c>/v1/embeddings</c>', and the SDK's error
/// carries the service's detail instead of "404 status code (no body)".
/// </summary>
[Collection(SharedService.Name)]
public sealed class NodeSdkTests(ServiceFactory service)
{
    private const string ModelId = "all-MiniLM-L6-v2";
    private const double MinCosine = 0.99999;
    private static readonly string[] Texts = ["A man is playing a guitar.", "Someone plays an instrument."];

    [Fact]
    public async Task NodeSdkAndLangChainMatchTheServiceAndShowErrorDetails()
    {
        JsonNode result = await NodeScript.RunAsync("sdk-check.mjs", service.BaseAddress.ToString(), ModelId);
        float[][] expected = await EmbedAsync(Texts);

        Assert.Equal(ModelId, result["float"]!["model"]!.GetValue<string>());
        AssertVectors(expected, Vectors(result["float"]!["vectors"]!), "openai float");
        AssertVectors(expected, Vectors(result["base64"]!["vectors"]!), "openai base64");
        AssertVectors(expected, Vectors(result["langchain"]!["documents"]!), "langchain embedDocuments");
        AssertVectors([expected[0]], [Json.Floats(result["langchain"]!["query"]!)], "langchain embedQuery");

        JsonNode unknown = result["unknownModel"]!;
        Assert.Equal(404, unknown["status"]!.GetValue<int>());
        Assert.Contains("'no-such-model' is not loaded", unknown["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("model_not_found", unknown["code"]!.GetValue<string>());
        JsonNode bad = result["badInput"]!;
        Assert.Equal(400, bad["status"]!.GetValue<int>());
        Assert.Equal("input", bad["param"]!.GetValue<string>());
        Assert.Equal("invalid_request_error", bad["type"]!.GetValue<string>());
    }

    private static float[][] Vectors(JsonNode array) => array.AsArray().Select(vector => Json.Floats(vector!)).ToArray();

    private static void AssertVectors(float[][] expected, float[][] actual, string client)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Length, actual[i].Length);
            double cosine = Infrastructure.Vectors.Cosine(expected[i], actual[i]);
            Assert.True(cosine >= MinCosine, $"{client}, input {i}: cosine {cosine}");
        }
    }

    private async Task<float[][]> EmbedAsync(string[] texts)
    {
        using HttpResponseMessage response = await Json.PostAsync(service.Client, "v1/embeddings", Json.Serialize(new { input = texts, model = ModelId }));
        JsonNode body = await Json.ReadAsync(response);
        return body["data"]!.AsArray().Select(item => Json.Floats(item!["embedding"]!)).ToArray();
    }
}

using System.Net;
using System.Text.Json.Nodes;
using SimCse.Api.Tests.Infrastructure;

namespace SimCse.Api.Tests;

/// <summary>The response shapes, headers and semantics CONTRACT.md promises.</summary>
[Collection(SharedService.Name)]
public sealed class ContractTests(ServiceFactory service, ReferenceEncoder reference)
{
    private const string ModelId = "all-MiniLM-L6-v2";
    private const string ModelHeader = "X-Model-Version";
    private const string Guitar = "A man is playing a guitar.";
    private const string Paraphrase = "Someone is playing an instrument.";
    private const string Unrelated = "The stock market fell sharply on Monday.";

    private HttpClient Client => service.Client;

    [Fact]
    public async Task EmbeddingsResponseHasTheOpenAiShape()
    {
        using HttpResponseMessage response = await Json.PostAsync(Client, "v1/embeddings", """{"input": ["first text", "second, longer text here"]}""");

        JsonNode body = await Json.ReadAsync(response);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(ModelId, Assert.Single(response.Headers.GetValues(ModelHeader)));
        Assert.Equal("list", (string?)body["object"]);
        Assert.Equal(ModelId, (string?)body["model"]);
        JsonArray data = body["data"]!.AsArray();
        Assert.Equal(2, data.Count);
        for (int i = 0; i < data.Count; i++)
        {
            Assert.Equal("embedding", (string?)data[i]!["object"]);
            Assert.Equal(i, (int)data[i]!["index"]!);
            float[] vector = Json.Floats(data[i]!["embedding"]!);
            Assert.Equal(384, vector.Length);
            Assert.Equal(1.0, Vectors.Norm(vector), 4);
        }
        int prompt = (int)body["usage"]!["prompt_tokens"]!;
        Assert.True(prompt > 4, $"prompt_tokens {prompt}");
        Assert.Equal(prompt, (int)body["usage"]!["total_tokens"]!);
    }

    [Fact]
    public async Task SingleStringInputGivesOneVector()
    {
        using HttpResponseMessage response = await Json.PostAsync(Client, "v1/embeddings", $$"""{"input": "{{Guitar}}", "model": "{{ModelId}}"}""");

        JsonNode body = await Json.ReadAsync(response);
        float[] vector = Json.Floats(Assert.Single(body["data"]!.AsArray())!["embedding"]!);
        Assert.True(Vectors.Cosine(reference.Embed([Guitar])[0], vector) >= 0.99999);
    }

    [Fact]
    public async Task Base64DecodesToTheFloatVector()
    {
        string texts = """["A man is playing a guitar.", "Stocks fell."]""";
        using HttpResponseMessage floats = await Json.PostAsync(Client, "v1/embeddings", $$"""{"input": {{texts}}, "encoding_format": "float"}""");
        using HttpResponseMessage base64 = await Json.PostAsync(Client, "v1/embeddings", $$"""{"input": {{texts}}, "encoding_format": "base64"}""");

        JsonArray floatData = (await Json.ReadAsync(floats))["data"]!.AsArray();
        JsonArray base64Data = (await Json.ReadAsync(base64))["data"]!.AsArray();
        Assert.Equal(ModelId, Assert.Single(base64.Headers.GetValues(ModelHeader)));
        for (int i = 0; i < floatData.Count; i++)
        {
            float[] expected = Json.Floats(floatData[i]!["embedding"]!);
            float[] decoded = Json.FromBase64((string)base64Data[i]!["embedding"]!);
            Assert.Equal(expected.Length, decoded.Length);
            for (int d = 0; d < expected.Length; d++)
            {
                // Same text, same model: equal up to batch-composition rounding.
                Assert.Equal(expected[d], decoded[d], 5);
            }
        }
    }

    [Fact]
    public async Task DimensionsTruncatesAndRenormalises()
    {
        using HttpResponseMessage full = await Json.PostAsync(Client, "v1/embeddings", $$"""{"input": "{{Guitar}}"}""");
        using HttpResponseMessage cut = await Json.PostAsync(Client, "v1/embeddings", $$"""{"input": "{{Guitar}}", "dimensions": 64}""");

        float[] fullVector = Json.Floats((await Json.ReadAsync(full))["data"]![0]!["embedding"]!);
        float[] cutVector = Json.Floats((await Json.ReadAsync(cut))["data"]![0]!["embedding"]!);
        Assert.Equal(64, cutVector.Length);
        Assert.Equal(1.0, Vectors.Norm(cutVector), 4);
        double prefixNorm = Vectors.Norm(fullVector.AsSpan(0, 64));
        Assert.True(prefixNorm < 0.99, "the prefix of a unit vector must be shorter than 1, or this test proves nothing");
        for (int d = 0; d < 64; d++)
        {
            Assert.Equal(fullVector[d] / prefixNorm, cutVector[d], 4);
        }
    }

    [Fact]
    public async Task SimilarityRanksAParaphraseAboveAnUnrelatedSentence()
    {
        string request = Json.Serialize(new { source = Guitar, candidates = new[] { Unrelated, Paraphrase } });
        using HttpResponseMessage response = await Json.PostAsync(Client, "v1/similarity", request);

        JsonNode body = await Json.ReadAsync(response);
        Assert.Equal(ModelId, Assert.Single(response.Headers.GetValues(ModelHeader)));
        Assert.Equal("similarity", (string?)body["object"]);
        Assert.Equal(ModelId, (string?)body["model"]);
        double[] scores = body["scores"]!.AsArray().Select(score => (double)score!).ToArray();
        Assert.Equal(2, scores.Length);
        Assert.True(scores[1] > scores[0], $"paraphrase {scores[1]} vs unrelated {scores[0]}");
        float[][] vectors = reference.Embed([Guitar, Unrelated, Paraphrase]);
        Assert.Equal(Vectors.Cosine(vectors[0], vectors[1]), scores[0], 4);
        Assert.Equal(Vectors.Cosine(vectors[0], vectors[2]), scores[1], 4);
    }

    [Fact]
    public async Task SimilarityPairsAreScoredInPairOrder()
    {
        string request = Json.Serialize(new { pairs = new[] { new[] { Guitar, Paraphrase }, new[] { Guitar, Unrelated }, new[] { Guitar, Guitar } } });
        using HttpResponseMessage response = await Json.PostAsync(Client, "v1/similarity", request);

        double[] scores = (await Json.ReadAsync(response))["scores"]!.AsArray().Select(score => (double)score!).ToArray();
        Assert.Equal(3, scores.Length);
        Assert.True(scores[0] > scores[1], $"paraphrase pair {scores[0]} vs unrelated pair {scores[1]}");
        Assert.Equal(1.0, scores[2], 4);
    }

    [Fact]
    public async Task TokenizeOffsetsMapBackToTheInput()
    {
        const string text = "Prices rose 5% to $3.50 yesterday, unexpectedly.";
        const string accented = "Café au lait";
        string request = Json.Serialize(new { input = new[] { text, accented } });
        using HttpResponseMessage response = await Json.PostAsync(Client, "v1/tokenize", request);

        JsonNode body = await Json.ReadAsync(response);
        Assert.Equal(ModelId, Assert.Single(response.Headers.GetValues(ModelHeader)));
        Assert.Equal(ModelId, (string?)body["model"]);
        JsonArray tokens = body["tokens"]!.AsArray();
        Assert.Equal(2, tokens.Count);

        JsonArray first = tokens[0]!.AsArray();
        Assert.Equal("[CLS]", (string?)first[0]!["text"]);
        Assert.True((bool)first[0]!["special"]!);
        Assert.Equal("[SEP]", (string?)first[^1]!["text"]);
        int previousEnd = 0;
        var rebuilt = new System.Text.StringBuilder();
        foreach (JsonNode? token in first.Where(token => !(bool)token!["special"]!))
        {
            int start = (int)token!["start"]!;
            int end = (int)token["end"]!;
            Assert.True(start >= previousEnd && end > start, $"span [{start}, {end}) after {previousEnd}");
            string piece = ((string)token["text"]!).Replace("##", string.Empty, StringComparison.Ordinal);
            Assert.Equal(piece, text[start..end].ToLowerInvariant());
            Assert.True((int)token["id"]! > 0);
            previousEnd = end;
            rebuilt.Append(text[start..end]);
        }
        Assert.Equal(text.Replace(" ", string.Empty, StringComparison.Ordinal), rebuilt.ToString());

        // Accents are stripped in the token text but the span still covers the original characters.
        JsonNode cafe = tokens[1]!.AsArray()[1]!;
        Assert.Equal("Café", accented[(int)cafe["start"]!..(int)cafe["end"]!]);
    }

    [Fact]
    public async Task ModelsListAndLookup()
    {
        JsonNode list = JsonNode.Parse(await Client.GetStringAsync(new Uri("v1/models", UriKind.Relative)))!;
        Assert.Equal("list", (string?)list["object"]);
        JsonNode model = list["data"]!.AsArray().Single(entry => (string?)entry!["id"] == ModelId)!;
        Assert.Equal("model", (string?)model["object"]);
        Assert.True((bool)model["active"]!);
        Assert.NotNull((string?)model["owned_by"]);
        Assert.True((long)model["created"]! >= 0);
        Assert.Single(list["data"]!.AsArray(), entry => (bool)entry!["active"]!);

        JsonNode one = JsonNode.Parse(await Client.GetStringAsync(new Uri($"v1/models/{ModelId}", UriKind.Relative)))!;
        Assert.Equal(ModelId, (string?)one["id"]);
        Assert.Equal("model", (string?)one["object"]);

        using HttpResponseMessage missing = await Client.GetAsync(new Uri("v1/models/no-such-model", UriKind.Relative));
        string? detail = await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.NotFound);
        Assert.Contains("no-such-model", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MetricsExposeBatchAndQueueInstruments()
    {
        using HttpResponseMessage warm = await Json.PostAsync(Client, "v1/embeddings", """{"input": "make sure a batch ran"}""");
        Assert.Equal(HttpStatusCode.OK, warm.StatusCode);

        string metrics = await PrometheusText.ScrapeAsync(Client);

        Assert.Contains("simcse_batch_size", metrics, StringComparison.Ordinal);
        Assert.Contains("simcse_queue_size", metrics, StringComparison.Ordinal);
        Assert.True(PrometheusText.Sum(metrics, "simcse_batch_size_count") >= 1);
        Assert.True(PrometheusText.Sum(metrics, "simcse_batch_size_sum") >= 1);
    }

    [Fact]
    public async Task HealthEndpointsAnswer()
    {
        JsonNode live = JsonNode.Parse(await Client.GetStringAsync(new Uri("health/live", UriKind.Relative)))!;
        Assert.Equal("live", (string?)live["status"]);
        JsonNode ready = JsonNode.Parse(await Client.GetStringAsync(new Uri("health/ready", UriKind.Relative)))!;
        Assert.Equal("ready", (string?)ready["status"]);
        Assert.Equal(ModelId, (string?)ready["model"]);
    }

    [Fact]
    public async Task SwaggerUiAndDocumentAreServed()
    {
        using HttpResponseMessage index = await Client.GetAsync(new Uri("swagger/index.html", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal("text/html", index.Content.Headers.ContentType?.MediaType);
        Assert.Contains("swagger-ui", await index.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        // /swagger itself leads to the UI (a redirect the client follows).
        using HttpResponseMessage root = await Client.GetAsync(new Uri("swagger", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, root.StatusCode);

        JsonNode document = JsonNode.Parse(await Client.GetStringAsync(new Uri("swagger/v1/swagger.json", UriKind.Relative)))!;
        Assert.NotNull(document["paths"]!["/v1/embeddings"]);
    }
}

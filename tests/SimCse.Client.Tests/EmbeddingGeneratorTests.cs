using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace SimCse.Client.Tests;

/// <summary><see cref="SimCseEmbeddingGenerator"/> against the real service: its vectors are <c>/v1/embeddings</c>' vectors.</summary>
[Collection(SharedService.Name)]
public sealed class EmbeddingGeneratorTests(ServiceHost service)
{
    private const double MinCosine = 0.99999;

    private static readonly string[] Texts =
    [
        "A man is playing a guitar.",
        "Someone plays an instrument.",
        "The cat sits on the mat while the rain falls outside.",
        "Stocks fell sharply on Monday.",
        "Quantum computers use qubits.",
        "A chef is cooking pasta.",
        "Two dogs run across a field.",
    ];

    [Fact]
    public async Task VectorsModelIdAndUsageEqualTheRestApi()
    {
        (float[][] expected, int tokens) = await RestAsync(Texts, dimensions: null);
        using var generator = new SimCseEmbeddingGenerator(service.BaseAddress);

        GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync(Texts);

        AssertSameVectors(expected, result);
        Assert.All(result, embedding => Assert.Equal(ServiceHost.ModelId, embedding.ModelId));
        Assert.Equal(tokens, result.Usage!.InputTokenCount);
        Assert.Equal(tokens, result.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task InputsAboveTheServerLimitAreSplitAfterOne413()
    {
        var counter = new CountingHandler();
        using var http = new HttpClient(counter);
        using var generator = new SimCseEmbeddingGenerator(http, new SimCseClientOptions { Endpoint = service.BaseAddress });
        (float[][] expected, _) = await RestAsync(Texts, dimensions: null);

        GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync(Texts);

        AssertSameVectors(expected, result);
        Assert.Equal(ServiceHost.ServerBatchLimit, generator.MaxBatchSize);
        Assert.Equal(1, counter.TooLarge);
        int chunks = (Texts.Length + ServiceHost.ServerBatchLimit - 1) / ServiceHost.ServerBatchLimit;
        Assert.Equal(1 + chunks, counter.Requests);
    }

    [Fact]
    public async Task ConfiguredBatchSizeSplitsWithoutAsking()
    {
        var counter = new CountingHandler();
        using var http = new HttpClient(counter);
        using var generator = new SimCseEmbeddingGenerator(http, new SimCseClientOptions { Endpoint = new Uri(service.BaseAddress, "v1"), MaxBatchSize = 2 });
        (float[][] expected, int tokens) = await RestAsync(Texts, dimensions: null);

        GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync(Texts);

        AssertSameVectors(expected, result);
        Assert.Equal((Texts.Length + 1) / 2, counter.Requests);
        Assert.Equal(0, counter.TooLarge);
        Assert.Equal(tokens, result.Usage!.InputTokenCount);
    }

    [Fact]
    public async Task DimensionsAndModelIdOptionsAreHonoured()
    {
        (float[][] expected, _) = await RestAsync(Texts[..2], dimensions: 64);
        using var generator = new SimCseEmbeddingGenerator(service.BaseAddress, modelId: "no-such-model");

        GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync(Texts[..2], new EmbeddingGenerationOptions { Dimensions = 64, ModelId = ServiceHost.ModelId });

        AssertSameVectors(expected, result);
        Assert.All(result, embedding => Assert.Equal(64, embedding.Vector.Length));
    }

    [Fact]
    public async Task ProblemDetailsBecomeATypedException()
    {
        using var generator = new SimCseEmbeddingGenerator(service.BaseAddress, modelId: "no-such-model");

        SimCseApiException error = await Assert.ThrowsAsync<SimCseApiException>(() => generator.GenerateAsync(["A sentence."]));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains("'no-such-model' is not loaded", error.Detail, StringComparison.Ordinal);
        Assert.Equal(error.Detail, error.Message);
        Assert.Equal("model_not_found", error.Code);
        Assert.Equal("model", error.Param);

        using var plain = new SimCseEmbeddingGenerator(service.BaseAddress);
        SimCseApiException bad = await Assert.ThrowsAsync<SimCseApiException>(() => plain.GenerateAsync(["ok", "   "]));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("input[1]", bad.Param);
    }

    [Fact]
    public async Task DependencyInjectionUsesTheHttpClientFactory()
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        var counter = new CountingHandler();
        services.AddSimCseEmbeddingGenerator(service.BaseAddress, modelId: ServiceHost.ModelId)
            .ConfigurePrimaryHttpMessageHandler(() => counter);
        await using ServiceProvider provider = services.BuildServiceProvider();

        IEmbeddingGenerator<string, Embedding<float>> generator = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        Embedding<float> embedding = await generator.GenerateAsync(Texts[0]);

        (float[][] expected, _) = await RestAsync(Texts[..1], dimensions: null);
        Assert.True(Cosine(expected[0], embedding.Vector.Span) >= MinCosine);
        Assert.Equal(ServiceHost.ModelId, embedding.ModelId);
        Assert.Equal(1, counter.Requests);
        Assert.Equal(ServiceHost.ModelId, generator.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelId);
        Assert.NotNull(provider.GetRequiredService<SimCseClient>());
    }

    private async Task<(float[][] Vectors, int Tokens)> RestAsync(string[] texts, int? dimensions)
    {
        var vectors = new List<float[]>();
        int tokens = 0;
        // The raw API accepts at most ServerBatchLimit inputs per request here.
        foreach (string[] chunk in texts.Chunk(ServiceHost.ServerBatchLimit))
        {
            using HttpResponseMessage response = await service.Raw.PostAsJsonAsync(new Uri("v1/embeddings", UriKind.Relative), new { input = chunk, model = ServiceHost.ModelId, dimensions });
            string body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, body);
            using JsonDocument document = JsonDocument.Parse(body);
            vectors.AddRange(document.RootElement.GetProperty("data").EnumerateArray()
                .Select(item => item.GetProperty("embedding").EnumerateArray().Select(value => value.GetSingle()).ToArray()));
            tokens += document.RootElement.GetProperty("usage").GetProperty("prompt_tokens").GetInt32();
        }
        return ([.. vectors], tokens);
    }

    private static void AssertSameVectors(float[][] expected, GeneratedEmbeddings<Embedding<float>> actual)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Length, actual[i].Vector.Length);
            double cosine = Cosine(expected[i], actual[i].Vector.Span);
            Assert.True(cosine >= MinCosine, $"input {i}: cosine {cosine}");
        }
    }

    internal static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dot += a[i] * (double)b[i];
            na += a[i] * (double)a[i];
            nb += b[i] * (double)b[i];
        }
        return dot / Math.Sqrt(na * nb);
    }
}

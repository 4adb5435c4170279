using System.ClientModel;
using OpenAI;
using OpenAI.Embeddings;
using OpenAI.Models;
using SimCse.Api.Tests.Infrastructure;

namespace SimCse.Api.Tests;

/// <summary>
/// The official OpenAI .NET SDK against the running service: it asks for base64 by default, so this also
/// proves the wire format (little-endian float32) and the list shapes the SDK parses.
/// </summary>
[Collection(SharedService.Name)]
public sealed class OpenAiSdkTests(ServiceFactory service, ReferenceEncoder reference)
{
    private const string ModelId = "all-MiniLM-L6-v2";
    private const double MinCosine = 0.99999;

    private OpenAIClientOptions Options => new() { Endpoint = new Uri(service.BaseAddress, "v1") };

    [Fact]
    public async Task SingleInputMatchesTheEncoder()
    {
        var client = new EmbeddingClient(ModelId, new ApiKeyCredential("unused"), Options);
        const string text = "A man is playing a guitar.";

        ClientResult<OpenAIEmbedding> result = await client.GenerateEmbeddingAsync(text);

        float[] expected = reference.Embed([text])[0];
        float[] actual = result.Value.ToFloats().ToArray();
        Assert.Equal(expected.Length, actual.Length);
        Assert.True(Vectors.Cosine(expected, actual) >= MinCosine, $"cosine {Vectors.Cosine(expected, actual)}");
    }

    [Fact]
    public async Task BatchedInputsMatchTheEncoderInOrder()
    {
        var client = new EmbeddingClient(ModelId, new ApiKeyCredential("unused"), Options);
        string[] texts =
        [
            "A man is playing a guitar.",
            "The cat sits on the mat while the rain falls outside, slowly and steadily.",
            "Stocks fell.",
            "Quantum computers use qubits that can be in superposition.",
        ];

        ClientResult<OpenAIEmbeddingCollection> result = await client.GenerateEmbeddingsAsync(texts);

        float[][] expected = reference.Embed(texts);
        Assert.Equal(texts.Length, result.Value.Count);
        for (int i = 0; i < texts.Length; i++)
        {
            OpenAIEmbedding embedding = result.Value[i];
            Assert.Equal(i, embedding.Index);
            double cosine = Vectors.Cosine(expected[i], embedding.ToFloats().Span);
            Assert.True(cosine >= MinCosine, $"input {i}: cosine {cosine}");
        }
    }

    [Fact]
    public async Task DimensionsOptionIsHonoured()
    {
        var client = new EmbeddingClient(ModelId, new ApiKeyCredential("unused"), Options);

        ClientResult<OpenAIEmbedding> result = await client.GenerateEmbeddingAsync("A short sentence.", new EmbeddingGenerationOptions { Dimensions = 128 });

        Assert.Equal(128, result.Value.ToFloats().Length);
        Assert.Equal(1.0, Vectors.Norm(result.Value.ToFloats().Span), 4);
    }

    [Fact]
    public async Task ModelsListIncludesTheDefaultModel()
    {
        var client = new OpenAIModelClient(new ApiKeyCredential("unused"), Options);

        ClientResult<OpenAIModelCollection> models = await client.GetModelsAsync();

        Assert.Contains(models.Value, model => model.Id == ModelId);
        ClientResult<OpenAIModel> one = await client.GetModelAsync(ModelId);
        Assert.Equal(ModelId, one.Value.Id);
    }
}

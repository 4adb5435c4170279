using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using SimCse.Api.Contracts;
using SimCse.Api.Endpoints;

namespace SimCse.Api.Tests.Endpoints;

/// <summary>
/// The hand-written embeddings body against what the serializer wrote from <see cref="EmbeddingsResponse"/>
/// (the contract type and OpenAPI schema) with the service's options, for random vectors.
/// </summary>
public sealed class EmbeddingsJsonResultTests
{
    private static readonly JsonSerializerOptions ServiceOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
    };

    [Theory]
    [InlineData(1, 384, 1)]
    [InlineData(3, 64, 2)]
    [InlineData(0, 384, 3)]
    public void FloatBodyIsByteForByteTheSerializers(int count, int width, int seed)
    {
        float[][] vectors = RandomVectors(count, width, seed);
        var expected = new EmbeddingsResponse([.. vectors.Select((vector, i) => new EmbeddingItem(i, vector))], "modèle \"x\"", new Usage(17, 17));

        Assert.Equal(JsonSerializer.Serialize(expected, ServiceOptions), Write(vectors, base64: false, "modèle \"x\"", 17));
    }

    [Fact]
    public void Base64BodyDecodesToTheSameLittleEndianFloatsAndShape()
    {
        float[][] vectors = RandomVectors(2, 384, 4);
        var expected = new EmbeddingsResponse(
            [.. vectors.Select((vector, i) => new EmbeddingItem(i, Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan()))))],
            "all-MiniLM-L6-v2",
            new Usage(9, 9));

        // The serializer escapes '+' as \u002B and the writer does not: the same JSON string, other bytes.
        JsonNode written = JsonNode.Parse(Write(vectors, base64: true, "all-MiniLM-L6-v2", 9))!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(JsonSerializer.Serialize(expected, ServiceOptions)), written));
        for (int i = 0; i < vectors.Length; i++)
        {
            byte[] bytes = Convert.FromBase64String((string)written["data"]![i]!["embedding"]!);
            Assert.Equal(vectors[i], MemoryMarshal.Cast<byte, float>(bytes).ToArray());
        }
    }

    private static string Write(float[][] vectors, bool base64, string model, int tokens)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            new EmbeddingsJsonResult(vectors, base64, model, tokens).Write(writer);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static float[][] RandomVectors(int count, int width, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, width).Select(_ => (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-8, 3)))).ToArray())];
    }
}

using System.Buffers;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using SimCse.Api.Contracts;
using SimCse.Api.Endpoints;

namespace SimCse.LoadBench;

/// <summary>
/// In-process cost of the service's JSON work for one sentence and one 384-float vector, with the service's
/// serializer options: binding the request (the TextInput converter) and writing the response the way the
/// service did before (the serializer over <see cref="EmbeddingsResponse"/>, object-typed embedding, a base64
/// string per vector) and does now (<see cref="EmbeddingsJsonResult"/> into a pooled buffer).
/// </summary>
public static class JsonPathCost
{
    public static IReadOnlyList<(string Step, double Microseconds)> Measure(IReadOnlyList<string> sentences, int iterations)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
        };
        byte[][] bodies = [.. sentences.Take(256).Select(sentence => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { input = sentence })))];
        var random = new Random(7);
        float[] vector = [.. Enumerable.Range(0, 384).Select(_ => (float)(random.NextDouble() - 0.5) / 10f)];
        float[][] vectors = [vector];
        var buffer = new ArrayBufferWriter<byte>(16384);
        var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
        int i = 0;
        return
        [
            ("bind the request (JsonSerializer, TextInput converter)", Time(iterations, () => JsonSerializer.Deserialize<EmbeddingsRequest>(bodies[i++ % bodies.Length], options))),
            ("response, float, before (JsonSerializer over EmbeddingsResponse)", Time(iterations, () => SerializeOld(buffer, writer, options, new EmbeddingItem(0, vector)))),
            ("response, float, now (EmbeddingsJsonResult)", Time(iterations, () => WriteNew(buffer, writer, vectors, base64: false))),
            ("response, base64, before (Convert.ToBase64String + JsonSerializer)", Time(iterations, () => SerializeOld(buffer, writer, options, new EmbeddingItem(0, Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan())))))),
            ("response, base64, now (EmbeddingsJsonResult)", Time(iterations, () => WriteNew(buffer, writer, vectors, base64: true))),
        ];
    }

    private static void SerializeOld(ArrayBufferWriter<byte> buffer, Utf8JsonWriter writer, JsonSerializerOptions options, EmbeddingItem item)
    {
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        JsonSerializer.Serialize(writer, new EmbeddingsResponse([item], "all-MiniLM-L6-v2", new Usage(12, 12)), options);
        writer.Flush();
    }

    private static void WriteNew(ArrayBufferWriter<byte> buffer, Utf8JsonWriter writer, float[][] vectors, bool base64)
    {
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        new EmbeddingsJsonResult(vectors, base64, "all-MiniLM-L6-v2", 12).Write(writer);
        writer.Flush();
    }

    /// <summary>Median of 5 rounds of the mean µs per call, after a warm-up round (JIT, tiering).</summary>
    private static double Time(int iterations, Action action)
    {
        for (int i = 0; i < iterations; i++)
        {
            action();
        }
        var rounds = new double[5];
        for (int round = 0; round < rounds.Length; round++)
        {
            long started = Stopwatch.GetTimestamp();
            for (int i = 0; i < iterations; i++)
            {
                action();
            }
            rounds[round] = Stopwatch.GetElapsedTime(started).TotalMicroseconds / iterations;
        }
        Array.Sort(rounds);
        return rounds[rounds.Length / 2];
    }
}

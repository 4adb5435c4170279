using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using SimCse.Api.Contracts;

namespace SimCse.Api.Endpoints;

/// <summary>
/// The <c>/v1/embeddings</c> 200 body, written straight into the response pipe with one <see cref="Utf8JsonWriter"/>:
/// the same fields in the same order as <see cref="EmbeddingsResponse"/> serialized with the service's options
/// (its OpenAPI schema), but without the reflection-driven, object-typed <c>embedding</c> that made the serializer
/// look up the runtime type of every vector, and without the base64 string per vector (the float span's bytes are
/// encoded into the pipe's buffer). Floats go through <see cref="Utf8JsonWriter.WriteNumberValue(float)"/>, the
/// serializer's own float path, so the text is byte-for-byte what <see cref="JsonSerializer"/> wrote.
/// </summary>
public sealed class EmbeddingsJsonResult(IReadOnlyList<float[]> vectors, bool base64, string model, int tokens) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        JsonSerializerOptions options = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        using (var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter, new JsonWriterOptions { Encoder = options.Encoder, Indented = options.WriteIndented, SkipValidation = true }))
        {
            Write(writer);
        }
        await httpContext.Response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }

    /// <summary>The body into any writer (the tests compare it with the serializer's output).</summary>
    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteStartArray("data"u8);
        for (int i = 0; i < vectors.Count; i++)
        {
            writer.WriteStartObject();
            writer.WriteNumber("index"u8, i);
            ReadOnlySpan<float> vector = vectors[i];
            if (base64)
            {
                writer.WriteBase64String("embedding"u8, MemoryMarshal.AsBytes(vector));
            }
            else
            {
                writer.WriteStartArray("embedding"u8);
                foreach (float value in vector)
                {
                    writer.WriteNumberValue(value);
                }
                writer.WriteEndArray();
            }
            writer.WriteString("object"u8, "embedding"u8);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteString("model"u8, model);
        writer.WriteStartObject("usage"u8);
        writer.WriteNumber("prompt_tokens"u8, tokens);
        writer.WriteNumber("total_tokens"u8, tokens);
        writer.WriteEndObject();
        writer.WriteString("object"u8, "list"u8);
        writer.WriteEndObject();
    }
}

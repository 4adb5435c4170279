using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SimCse.Api.Tests.Infrastructure;

/// <summary>Small helpers for posting JSON and reading vectors back.</summary>
public static class Json
{
    public static StringContent Content(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        using StringContent content = Content(json);
        return await client.PostAsync(new Uri(path, UriKind.Relative), content, cancellationToken);
    }

    public static async Task<JsonNode> ReadAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Expected success, got {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    public static string Serialize(object value) => JsonSerializer.Serialize(value);

    public static float[] Floats(JsonNode embedding) => embedding.AsArray().Select(value => value!.GetValue<float>()).ToArray();

    /// <summary>Decodes OpenAI's base64 embedding: little-endian float32.</summary>
    public static float[] FromBase64(string base64)
    {
        byte[] bytes = Convert.FromBase64String(base64);
        Assert.Equal(0, bytes.Length % sizeof(float));
        var result = new float[bytes.Length / sizeof(float)];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = System.Buffers.Binary.BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
        }
        return result;
    }

    public static MediaTypeHeaderValue JsonMediaType { get; } = new("application/json");
}

using System.Net;
using System.Text.Json;

namespace SimCse.Api.Tests.Infrastructure;

/// <summary>Checks that a response is an RFC 7807 problem with the expected status.</summary>
public static class ProblemAssert
{
    public const string MediaType = "application/problem+json";

    /// <summary>Asserts status and media type, parses the body and returns its <c>detail</c> (null when absent).</summary>
    /// <param name="response">The response under test.</param>
    /// <param name="expected">Its status.</param>
    /// <param name="mediaType">problem+json unless the request's Accept excluded it (then CONTRACT.md says application/json).</param>
    public static async Task<string?> IsProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string mediaType = MediaType)
    {
        ArgumentNullException.ThrowIfNull(response);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        using JsonDocument document = JsonDocument.Parse(body);
        JsonElement root = document.RootElement;
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        Assert.Equal((int)expected, root.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("title").GetString()));
        return root.TryGetProperty("detail", out JsonElement detail) ? detail.GetString() : null;
    }
}

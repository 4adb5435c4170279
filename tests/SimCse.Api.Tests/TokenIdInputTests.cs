using System.Net;
using System.Text.Json.Nodes;
using SimCse.Api.Tests.Infrastructure;

namespace SimCse.Api.Tests;

/// <summary>
/// <c>input</c> as token ids (OpenAI's <c>int[]</c> / <c>int[][]</c>), read as ids of the served model's
/// vocabulary as TEI does: the ids /v1/tokenize returns give the text's own vector.
/// </summary>
[Collection(SharedService.Name)]
public sealed class TokenIdInputTests(ServiceFactory service)
{
    private const double MinCosine = 0.99999;
    private static readonly string[] Texts = ["A man is playing a guitar.", "The cat sits on the mat while the rain falls outside."];

    [Fact]
    public async Task IdsFromTokenizeEmbedLikeTheirText()
    {
        int[][] ids = await TokenizeAsync(Texts);
        float[][] fromText = await EmbedAsync(Json.Serialize(new { input = Texts }));

        float[][] several = await EmbedAsync(Json.Serialize(new { input = ids }));
        float[][] one = await EmbedAsync(Json.Serialize(new { input = ids[1] }));

        Assert.Equal(2, several.Length);
        for (int i = 0; i < Texts.Length; i++)
        {
            Assert.True(Vectors.Cosine(fromText[i], several[i]) >= MinCosine, $"input {i}");
        }
        Assert.Single(one);
        Assert.True(Vectors.Cosine(fromText[1], one[0]) >= MinCosine);
    }

    [Fact]
    public async Task UsageCountsTheIdsAndBase64Works()
    {
        int[][] ids = await TokenizeAsync(Texts);
        using HttpResponseMessage response = await Json.PostAsync(service.Client, "v1/embeddings", Json.Serialize(new { input = ids, encoding_format = "base64", dimensions = 64 }));
        JsonNode body = await Json.ReadAsync(response);

        Assert.Equal(ids.Sum(input => input.Length), body["usage"]!["prompt_tokens"]!.GetValue<int>());
        float[] vector = Json.FromBase64(body["data"]![0]!["embedding"]!.GetValue<string>());
        Assert.Equal(64, vector.Length);
    }

    [Fact]
    public async Task FirstOutOfVocabularyIdIsNamed()
    {
        int[][] ids = await TokenizeAsync(Texts);
        int[] bad = [.. ids[1]];
        bad[2] = 30522;
        bad[3] = 40000;
        using HttpResponseMessage response = await Json.PostAsync(service.Client, "v1/embeddings", Json.Serialize(new { input = new[] { ids[0], bad } }));

        string? detail = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("'input[1]' holds token id 30522 at position 2", detail, StringComparison.Ordinal);
        Assert.Contains("ids 0 to 30521", detail, StringComparison.Ordinal);
    }

    private async Task<int[][]> TokenizeAsync(string[] texts)
    {
        using HttpResponseMessage response = await Json.PostAsync(service.Client, "v1/tokenize", Json.Serialize(new { input = texts }));
        JsonNode body = await Json.ReadAsync(response);
        return body["tokens"]!.AsArray().Select(tokens => tokens!.AsArray().Select(token => token!["id"]!.GetValue<int>()).ToArray()).ToArray();
    }

    private async Task<float[][]> EmbedAsync(string json)
    {
        using HttpResponseMessage response = await Json.PostAsync(service.Client, "v1/embeddings", json);
        JsonNode body = await Json.ReadAsync(response);
        Assert.Equal("all-MiniLM-L6-v2", body["model"]!.GetValue<string>());
        return body["data"]!.AsArray().Select(item => Json.Floats(item!["embedding"]!)).ToArray();
    }
}

using System.Net;
using System.Text;

namespace SimCse.Api.Tests;

/// <summary>The catalogue of bad requests <see cref="BadInputTests"/> sends, keyed by a readable name.</summary>
public static class BadInputCases
{
    private const string Json = "application/json";
    private const string Embeddings = "v1/embeddings";
    private const string Similarity = "v1/similarity";
    private const string Tokenize = "v1/tokenize";

    public static IReadOnlyDictionary<string, BadInputCase> All { get; } = Build().ToDictionary(entry => entry.Name, StringComparer.Ordinal);

    public static TheoryData<string> Names()
    {
        var names = new TheoryData<string>();
        foreach (string name in All.Keys)
        {
            names.Add(name);
        }
        return names;
    }

    private static IEnumerable<BadInputCase> Build()
    {
        // Wrong types and shapes of `input`.
        yield return Post("input is a number", Embeddings, """{"input": 42}""", HttpStatusCode.BadRequest, "input");
        yield return Post("input is a boolean", Embeddings, """{"input": true}""", HttpStatusCode.BadRequest, "input");
        yield return Post("input is an object", Embeddings, """{"input": {"text": "a"}}""", HttpStatusCode.BadRequest, "input");
        yield return Post("input is a nested array", Embeddings, """{"input": [["a", "b"]]}""", HttpStatusCode.BadRequest, "input");
        yield return Post("input holds a number", Embeddings, """{"input": ["a", 1]}""", HttpStatusCode.BadRequest, "input");
        yield return Post("input holds null", Embeddings, """{"input": ["a", null]}""", HttpStatusCode.BadRequest, "input");
        yield return Post("input holds an out-of-vocabulary token id", Embeddings, """{"input": [[101, 102], [101, 99999999, 102]]}""", HttpStatusCode.BadRequest, "99999999");
        yield return Post("input holds a negative token id", Embeddings, """{"input": [101, -1, 102]}""", HttpStatusCode.BadRequest, "-1");
        yield return Post("input holds a fractional token id", Embeddings, """{"input": [101, 1.5, 102]}""", HttpStatusCode.BadRequest, "input");
        yield return Post("input mixes ids and strings", Embeddings, """{"input": [101, "a"]}""", HttpStatusCode.BadRequest, "input");
        yield return Post("input holds an empty id array", Embeddings, """{"input": [[101, 102], []]}""", HttpStatusCode.BadRequest, "input[1]");
        yield return Post("input is null", Embeddings, """{"input": null}""", HttpStatusCode.BadRequest, "input");
        yield return Post("input is missing", Embeddings, """{"model": "all-MiniLM-L6-v2"}""", HttpStatusCode.BadRequest, "input");
        yield return Post("input is an empty list", Embeddings, """{"input": []}""", HttpStatusCode.BadRequest, "input");
        yield return Post("input is an empty string", Embeddings, """{"input": ""}""", HttpStatusCode.BadRequest, "input");
        yield return Post("input is whitespace only", Embeddings, """{"input": " \t\n\u00a0 "}""", HttpStatusCode.BadRequest, "input");
        yield return Post("input holds an empty string", Embeddings, """{"input": ["fine", ""]}""", HttpStatusCode.BadRequest, "input[1]");
        yield return Post("input holds a lone surrogate", Embeddings, """{"input": ["fine", "\ud800"]}""", HttpStatusCode.BadRequest, "input");
        yield return Post("too many inputs", Embeddings, "{\"input\": [" + string.Join(", ", Enumerable.Repeat("\"x\"", 257)) + "]}", HttpStatusCode.RequestEntityTooLarge, "257");
        yield return Post("body over the size limit", Embeddings, "{\"input\": \"" + new string('a', 3 * 1024 * 1024) + "\"}", HttpStatusCode.RequestEntityTooLarge, "size limit");

        // Encoding-level damage.
        yield return Raw("invalid UTF-8 bytes", Embeddings, Json, [.. "{\"input\": \""u8, 0xff, 0xfe, 0xc3, .. "\"}"u8], HttpStatusCode.BadRequest, "input");
        yield return Raw("raw control character in a string", Embeddings, Json, [.. "{\"input\": \"a"u8, 0x01, .. "b\"}"u8], HttpStatusCode.BadRequest, "input");
        yield return Post("malformed JSON", Embeddings, """{"input": "a",""", HttpStatusCode.BadRequest, "JSON");
        yield return Post("trailing garbage after the object", Embeddings, """{"input": "a"} x""", HttpStatusCode.BadRequest, "JSON");
        yield return Post("body is JSON null", Embeddings, "null", HttpStatusCode.BadRequest, "null");
        yield return Post("body is an array", Embeddings, """["a", "b"]""", HttpStatusCode.BadRequest, "JSON");
        yield return Post("body is a string", Embeddings, "\"a\"", HttpStatusCode.BadRequest, "JSON");
        yield return Post("body is empty", Embeddings, string.Empty, HttpStatusCode.BadRequest, "JSON");
        yield return Post("deeply nested arrays", Embeddings, "{\"input\": " + new string('[', 5000) + new string(']', 5000) + "}", HttpStatusCode.BadRequest, "input");
        yield return Raw("wrong content type", Embeddings, "text/plain", Encoding.UTF8.GetBytes("""{"input": "a"}"""), HttpStatusCode.UnsupportedMediaType, "application/json");
        yield return Raw("form content type", Embeddings, "application/x-www-form-urlencoded", Encoding.UTF8.GetBytes("input=a"), HttpStatusCode.UnsupportedMediaType, "application/json");
        yield return Raw("no content type", Embeddings, null, Encoding.UTF8.GetBytes("""{"input": "a"}"""), HttpStatusCode.UnsupportedMediaType, "application/json");

        // The other embeddings fields.
        yield return Post("unknown model", Embeddings, """{"input": "a", "model": "no-such-model"}""", HttpStatusCode.NotFound, "no-such-model");
        yield return Post("model is empty", Embeddings, """{"input": "a", "model": ""}""", HttpStatusCode.BadRequest, "model");
        yield return Post("model is a number", Embeddings, """{"input": "a", "model": 5}""", HttpStatusCode.BadRequest, "model");
        yield return Post("encoding_format is unknown", Embeddings, """{"input": "a", "encoding_format": "int8"}""", HttpStatusCode.BadRequest, "encoding_format");
        yield return Post("encoding_format is a number", Embeddings, """{"input": "a", "encoding_format": 1}""", HttpStatusCode.BadRequest, "encoding_format");
        yield return Post("dimensions is zero", Embeddings, """{"input": "a", "dimensions": 0}""", HttpStatusCode.BadRequest, "dimensions");
        yield return Post("dimensions is negative", Embeddings, """{"input": "a", "dimensions": -8}""", HttpStatusCode.BadRequest, "dimensions");
        yield return Post("dimensions is too large", Embeddings, """{"input": "a", "dimensions": 100000}""", HttpStatusCode.BadRequest, "dimensions");
        yield return Post("dimensions is a string", Embeddings, """{"input": "a", "dimensions": "64"}""", HttpStatusCode.BadRequest, "dimensions");
        yield return Post("dimensions is fractional", Embeddings, """{"input": "a", "dimensions": 1.5}""", HttpStatusCode.BadRequest, "dimensions");
        yield return Post("dimensions overflows int", Embeddings, """{"input": "a", "dimensions": 1e309}""", HttpStatusCode.BadRequest, "dimensions");
        yield return Post("user is a number", Embeddings, """{"input": "a", "user": 7}""", HttpStatusCode.BadRequest, "user");

        // Similarity.
        yield return Post("similarity with both forms", Similarity, """{"source": "a", "candidates": ["b"], "pairs": [["a", "b"]]}""", HttpStatusCode.BadRequest, "pairs");
        yield return Post("similarity with neither form", Similarity, """{"model": "all-MiniLM-L6-v2"}""", HttpStatusCode.BadRequest, "pairs");
        yield return Post("similarity source without candidates", Similarity, """{"source": "a"}""", HttpStatusCode.BadRequest, "candidates");
        yield return Post("similarity candidates without source", Similarity, """{"candidates": ["a"]}""", HttpStatusCode.BadRequest, "source");
        yield return Post("similarity empty candidates", Similarity, """{"source": "a", "candidates": []}""", HttpStatusCode.BadRequest, "candidates");
        yield return Post("similarity blank candidate", Similarity, """{"source": "a", "candidates": ["b", "  "]}""", HttpStatusCode.BadRequest, "candidates[1]");
        yield return Post("similarity null candidate", Similarity, """{"source": "a", "candidates": [null]}""", HttpStatusCode.BadRequest, "candidates[0]");
        yield return Post("similarity source is a list", Similarity, """{"source": ["a"], "candidates": ["b"]}""", HttpStatusCode.BadRequest, "source");
        yield return Post("similarity pair of one", Similarity, """{"pairs": [["a", "b"], ["a"]]}""", HttpStatusCode.BadRequest, "pairs[1]");
        yield return Post("similarity pair of three", Similarity, """{"pairs": [["a", "b", "c"]]}""", HttpStatusCode.BadRequest, "pairs[0]");
        yield return Post("similarity pair is null", Similarity, """{"pairs": [null]}""", HttpStatusCode.BadRequest, "pairs[0]");
        yield return Post("similarity pair holds a number", Similarity, """{"pairs": [["a", 2]]}""", HttpStatusCode.BadRequest, "pairs");
        yield return Post("similarity pairs is a string", Similarity, """{"pairs": "a"}""", HttpStatusCode.BadRequest, "pairs");
        yield return Post("similarity pairs is empty", Similarity, """{"pairs": []}""", HttpStatusCode.BadRequest, "pairs");
        yield return Post("similarity unknown model", Similarity, """{"pairs": [["a", "b"]], "model": "no-such-model"}""", HttpStatusCode.NotFound, "no-such-model");
        yield return Post("similarity too many texts", Similarity, "{\"source\": \"a\", \"candidates\": [" + string.Join(", ", Enumerable.Range(0, 200).Select(i => $"\"c{i}\"")) + "]}", HttpStatusCode.RequestEntityTooLarge, "inputs");

        // Tokenize.
        yield return Post("tokenize input is a number", Tokenize, """{"input": 3}""", HttpStatusCode.BadRequest, "input");
        yield return Post("tokenize input is token ids", Tokenize, """{"input": [101, 102]}""", HttpStatusCode.BadRequest, "/v1/embeddings only");
        yield return Post("tokenize input is missing", Tokenize, "{}", HttpStatusCode.BadRequest, "input");
        yield return Post("tokenize empty list", Tokenize, """{"input": []}""", HttpStatusCode.BadRequest, "input");
        yield return Post("tokenize blank string", Tokenize, """{"input": "   "}""", HttpStatusCode.BadRequest, "input");
        yield return Post("tokenize unknown model", Tokenize, """{"input": "a", "model": "no-such-model"}""", HttpStatusCode.NotFound, "no-such-model");
        yield return Raw("tokenize wrong content type", Tokenize, "text/plain", Encoding.UTF8.GetBytes("a"), HttpStatusCode.UnsupportedMediaType, "application/json");

        // Wrong methods and unknown ids.
        yield return Send("GET on embeddings", HttpMethod.Get, Embeddings, HttpStatusCode.MethodNotAllowed, "not allowed");
        yield return Send("GET on similarity", HttpMethod.Get, Similarity, HttpStatusCode.MethodNotAllowed, "not allowed");
        yield return Send("GET on tokenize", HttpMethod.Get, Tokenize, HttpStatusCode.MethodNotAllowed, "not allowed");
        yield return Send("PUT on embeddings", HttpMethod.Put, Embeddings, HttpStatusCode.MethodNotAllowed, "not allowed");
        yield return Send("DELETE on models", HttpMethod.Delete, "v1/models", HttpStatusCode.MethodNotAllowed, "not allowed");
        yield return Send("unknown model id", HttpMethod.Get, "v1/models/no-such-model", HttpStatusCode.NotFound, "no-such-model");
    }

    private static BadInputCase Post(string name, string path, string json, HttpStatusCode status, string? detail) =>
        new(name, HttpMethod.Post, path, Json, Encoding.UTF8.GetBytes(json), status, detail);

    private static BadInputCase Raw(string name, string path, string? contentType, byte[] body, HttpStatusCode status, string? detail) =>
        new(name, HttpMethod.Post, path, contentType, body, status, detail);

    private static BadInputCase Send(string name, HttpMethod method, string path, HttpStatusCode status, string? detail = null) =>
        new(name, method, path, null, null, status, detail);
}

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
    private const string Files = "v1/files";
    private const string JobsPath = "v1/fine_tuning/jobs";
    private const string EvaluationsPath = "v1/evaluations";
    private const string Boundary = "simcse-bad-input";
    private const string MultipartType = "multipart/form-data; boundary=" + Boundary;

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
        yield return Send("non-ASCII model id", HttpMethod.Get, "v1/models/mod%C3%A8le-%C3%BC", HttpStatusCode.NotFound, "modèle-ü");
        yield return Post("embeddings non-ASCII model", Embeddings, """{"input": "a", "model": "modèle-ü"}""", HttpStatusCode.NotFound, "modèle-ü");

        foreach (BadInputCase upload in Uploads())
        {
            yield return upload;
        }
        foreach (BadInputCase model in ModelAdministration())
        {
            yield return model;
        }
        foreach (BadInputCase job in Jobs())
        {
            yield return job;
        }
        foreach (BadInputCase evaluation in Evaluations())
        {
            yield return evaluation;
        }
    }

    private static IEnumerable<BadInputCase> Uploads()
    {
        yield return Raw("upload without a file part", Files, MultipartType, Multipart(("purpose", null, "fine-tune")), HttpStatusCode.BadRequest, "'file'");
        yield return Raw("upload with an unknown purpose", Files, MultipartType, Multipart(("purpose", null, "assistants"), ("file", "a.txt", "one\ntwo\n")), HttpStatusCode.BadRequest, "purpose");
        yield return Raw("upload without a purpose", Files, MultipartType, Multipart(("file", "a.txt", "one\ntwo\n")), HttpStatusCode.BadRequest, "purpose");
        yield return Raw("upload with a near-miss purpose", Files, MultipartType, Multipart(("purpose", null, "fine-tuning"), ("file", "a.txt", "x\n")), HttpStatusCode.BadRequest, "purpose");
        yield return Raw("upload as JSON", Files, Json, Encoding.UTF8.GetBytes("""{"file": "a"}"""), HttpStatusCode.UnsupportedMediaType, "multipart");
        yield return Raw("upload without a content type", Files, null, Encoding.UTF8.GetBytes("file=a"), HttpStatusCode.UnsupportedMediaType, "multipart");
        yield return Raw("upload with a missing boundary", Files, "multipart/form-data", Multipart(("purpose", null, "fine-tune")), HttpStatusCode.BadRequest, "multipart");
        yield return Raw("upload cut short", Files, MultipartType, Encoding.UTF8.GetBytes("--" + Boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nhalf a fi"), HttpStatusCode.BadRequest, "multipart");
        yield return Raw("upload with garbage for a body", Files, MultipartType, Encoding.UTF8.GetBytes("this is not multipart at all"), HttpStatusCode.BadRequest, "multipart");
        yield return Raw("upload with a bad part header", Files, MultipartType, Encoding.UTF8.GetBytes("--" + Boundary + "\r\nNo colon here\r\n\r\nx\r\n--" + Boundary + "--\r\n"), HttpStatusCode.BadRequest, "multipart");
        yield return Raw("evaluation upload with a bad score", Files, MultipartType, Multipart(("purpose", null, "evaluation"), ("file", "e.tsv", "4.0\ta\tb\nhigh\tc\td\n")), HttpStatusCode.BadRequest, "Line 2");
        yield return Raw("evaluation upload with a missing column", Files, MultipartType, Multipart(("purpose", null, "evaluation"), ("file", "e.tsv", "4.0\ta\n")), HttpStatusCode.BadRequest, "Line 1");
        yield return Raw("supervised upload without a positive", Files, MultipartType, Multipart(("purpose", null, "fine-tune"), ("file", "s.jsonl", "{\"anchor\": \"a\", \"positive\": \"b\"}\n{\"anchor\": \"c\"}\n")), HttpStatusCode.BadRequest, "Line 2");
        yield return Raw("supervised upload with broken JSON", Files, MultipartType, Multipart(("purpose", null, "fine-tune"), ("file", "s.jsonl", "{\"anchor\": \"a\", \"positive\": \"b\"}\n{\"anchor\": \n")), HttpStatusCode.BadRequest, "Line 2");
        yield return Send("unknown file", HttpMethod.Get, "v1/files/file-nope", HttpStatusCode.NotFound, "file-nope");
        yield return Send("unknown file content", HttpMethod.Get, "v1/files/file-nope/content", HttpStatusCode.NotFound, "file-nope");
        yield return Send("deleting an unknown file", HttpMethod.Delete, "v1/files/file-nope", HttpStatusCode.NotFound, "file-nope");
        yield return Send("PUT on files", HttpMethod.Put, Files, HttpStatusCode.MethodNotAllowed, "not allowed");
        yield return Send("files limit zero", HttpMethod.Get, "v1/files?limit=0", HttpStatusCode.BadRequest, "limit");
        yield return Send("files limit over 100", HttpMethod.Get, "v1/files?limit=101", HttpStatusCode.BadRequest, "limit");
        yield return Send("files limit not a number", HttpMethod.Get, "v1/files?limit=ten", HttpStatusCode.BadRequest, "limit");
        yield return Send("files limit overflows", HttpMethod.Get, "v1/files?limit=99999999999999", HttpStatusCode.BadRequest, "limit");
        yield return Send("files after is blank", HttpMethod.Get, "v1/files?after=%20", HttpStatusCode.BadRequest, "after");
        yield return Send("files after names no file", HttpMethod.Get, "v1/files?after=file-nope", HttpStatusCode.BadRequest, "after");
    }

    private static IEnumerable<BadInputCase> ModelAdministration()
    {
        yield return Send("activating an unknown model", HttpMethod.Post, "v1/models/no-such-model/activate", HttpStatusCode.NotFound, "no-such-model");
        yield return Send("activating a non-ASCII unknown model", HttpMethod.Post, "v1/models/mod%C3%A8le/activate", HttpStatusCode.NotFound, "modèle");
        yield return Send("GET on activate", HttpMethod.Get, "v1/models/all-MiniLM-L6-v2/activate", HttpStatusCode.MethodNotAllowed, "not allowed");
        yield return Send("deleting an unknown model", HttpMethod.Delete, "v1/models/no-such-model", HttpStatusCode.NotFound, "no-such-model");
        yield return Send("deleting the default packaged model", HttpMethod.Delete, "v1/models/all-MiniLM-L6-v2", HttpStatusCode.Conflict, "packaged");
        yield return Send("deleting the other packaged model", HttpMethod.Delete, "v1/models/arctic-embed-xs", HttpStatusCode.Conflict, "packaged");
        yield return Send("models limit zero", HttpMethod.Get, "v1/models?limit=0", HttpStatusCode.BadRequest, "limit");
        yield return Send("models limit negative", HttpMethod.Get, "v1/models?limit=-5", HttpStatusCode.BadRequest, "limit");
        yield return Send("models limit fractional", HttpMethod.Get, "v1/models?limit=1.5", HttpStatusCode.BadRequest, "limit");
        yield return Send("models after names no model", HttpMethod.Get, "v1/models?after=nope", HttpStatusCode.BadRequest, "after");
    }

    private static IEnumerable<BadInputCase> Jobs()
    {
        yield return Post("job body is JSON null", JobsPath, "null", HttpStatusCode.BadRequest, "null");
        yield return Post("job without a model", JobsPath, """{"training_file": "file-x"}""", HttpStatusCode.BadRequest, "model");
        yield return Post("job model is a number", JobsPath, """{"model": 3, "training_file": "file-x"}""", HttpStatusCode.BadRequest, "model");
        yield return Post("job without a training file", JobsPath, """{"model": "all-MiniLM-L6-v2"}""", HttpStatusCode.BadRequest, "training_file");
        yield return Post("job with an unknown method", JobsPath, """{"model": "all-MiniLM-L6-v2", "training_file": "file-x", "method": {"type": "dpo"}}""", HttpStatusCode.BadRequest, "method");
        yield return Post("job with a negative batch size", JobsPath, """{"model": "all-MiniLM-L6-v2", "training_file": "file-x", "method": {"type": "unsupervised", "hyperparameters": {"batch_size": -1}}}""", HttpStatusCode.BadRequest, "hyperparameters");
        yield return Post("job with a zero learning rate", JobsPath, """{"model": "all-MiniLM-L6-v2", "training_file": "file-x", "method": {"type": "unsupervised", "hyperparameters": {"learning_rate": 0}}}""", HttpStatusCode.BadRequest, "hyperparameters");
        yield return Post("job with a string batch size", JobsPath, """{"model": "all-MiniLM-L6-v2", "training_file": "file-x", "method": {"type": "unsupervised", "hyperparameters": {"batch_size": "big"}}}""", HttpStatusCode.BadRequest, "batch_size");
        yield return Post("job with a long suffix", JobsPath, "{\"model\": \"all-MiniLM-L6-v2\", \"training_file\": \"file-x\", \"suffix\": \"" + new string('s', 65) + "\"}", HttpStatusCode.BadRequest, "suffix");
        yield return Post("job on an unknown model", JobsPath, """{"model": "no-such-model", "training_file": "file-x"}""", HttpStatusCode.NotFound, "no-such-model");
        yield return Post("job on an unknown training file", JobsPath, """{"model": "all-MiniLM-L6-v2", "training_file": "file-nope"}""", HttpStatusCode.NotFound, "file-nope");
        yield return Raw("job as plain text", JobsPath, "text/plain", Encoding.UTF8.GetBytes("model=x"), HttpStatusCode.UnsupportedMediaType, "application/json");
        yield return Send("unknown job", HttpMethod.Get, JobsPath + "/ftjob-nope", HttpStatusCode.NotFound, "ftjob-nope");
        yield return Send("cancelling an unknown job", HttpMethod.Post, JobsPath + "/ftjob-nope/cancel", HttpStatusCode.NotFound, "ftjob-nope");
        yield return Send("events of an unknown job", HttpMethod.Get, JobsPath + "/ftjob-nope/events", HttpStatusCode.NotFound, "ftjob-nope");
        yield return Send("checkpoints of an unknown job", HttpMethod.Get, JobsPath + "/ftjob-nope/checkpoints", HttpStatusCode.NotFound, "ftjob-nope");
        yield return Send("report of an unknown job", HttpMethod.Get, JobsPath + "/ftjob-nope/report", HttpStatusCode.NotFound, "ftjob-nope");
        yield return Send("jobs limit not a number", HttpMethod.Get, JobsPath + "?limit=many", HttpStatusCode.BadRequest, "limit");
    }

    private static IEnumerable<BadInputCase> Evaluations()
    {
        yield return Post("evaluation without a file", EvaluationsPath, "{}", HttpStatusCode.BadRequest, "file");
        yield return Post("evaluation of an unknown file", EvaluationsPath, """{"file": "file-nope"}""", HttpStatusCode.NotFound, "file-nope");
        yield return Post("evaluation file is a number", EvaluationsPath, """{"file": 12}""", HttpStatusCode.BadRequest, "file");
        yield return Post("evaluation model is empty", EvaluationsPath, """{"model": "", "file": "file-nope"}""", HttpStatusCode.BadRequest, "model");
        yield return Post("evaluation body is an array", EvaluationsPath, "[]", HttpStatusCode.BadRequest, "JSON");
        yield return Raw("evaluation as a form", EvaluationsPath, "application/x-www-form-urlencoded", Encoding.UTF8.GetBytes("file=x"), HttpStatusCode.UnsupportedMediaType, "application/json");
        yield return Send("GET on evaluations", HttpMethod.Get, EvaluationsPath, HttpStatusCode.MethodNotAllowed, "not allowed");
    }

    /// <summary>A multipart/form-data body with <see cref="Boundary"/>; a part with a file name is a file part.</summary>
    private static byte[] Multipart(params (string Name, string? FileName, string Value)[] parts)
    {
        var body = new StringBuilder();
        foreach ((string name, string? fileName, string value) in parts)
        {
            body.Append("--").Append(Boundary).Append("\r\n");
            body.Append("Content-Disposition: form-data; name=\"").Append(name).Append('"');
            if (fileName is not null)
            {
                body.Append("; filename=\"").Append(fileName).Append("\"\r\nContent-Type: text/plain");
            }
            body.Append("\r\n\r\n").Append(value).Append("\r\n");
        }
        body.Append("--").Append(Boundary).Append("--\r\n");
        return Encoding.UTF8.GetBytes(body.ToString());
    }

    private static BadInputCase Post(string name, string path, string json, HttpStatusCode status, string? detail) =>
        new(name, HttpMethod.Post, path, Json, Encoding.UTF8.GetBytes(json), status, detail);

    private static BadInputCase Raw(string name, string path, string? contentType, byte[] body, HttpStatusCode status, string? detail) =>
        new(name, HttpMethod.Post, path, contentType, body, status, detail);

    private static BadInputCase Send(string name, HttpMethod method, string path, HttpStatusCode status, string? detail = null) =>
        new(name, method, path, null, null, status, detail);
}

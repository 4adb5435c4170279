using System.Diagnostics;
using Serilog;
using SimCse.Api.Contracts;
using SimCse.Api.OpenApi;
using SimCse.Api.Serving;
using SimCse.Core.Diagnostics;
using SimCse.Core.Errors;

namespace SimCse.Api.Endpoints;

/// <summary><c>POST /v1/embeddings</c>, the OpenAI Embeddings API.</summary>
public static class EmbeddingsEndpoints
{
    public static RouteGroupBuilder MapEmbeddings(this RouteGroupBuilder group)
    {
        group.MapPost("/embeddings", EmbedAsync)
            .WithName("CreateEmbeddings")
            .WithSummary("Embed one or more texts (OpenAI-compatible)")
            .WithDescription("Returns one L2-normalised vector per input, in input order. `input` is a string, an array of strings, or token ids (`int[]` for one input, `int[][]` for several) of the served model's vocabulary, used as given like TEI does (special tokens included: pass what /v1/tokenize returns); an id outside the vocabulary is a 400 naming it. `encoding_format: base64` returns little-endian float32 bytes; `dimensions` keeps the first N components and re-normalises. Inputs longer than the model's limit are truncated unless auto-truncation is off (then 422).")
            .WithMetadata(new RequestExample("""{"input": ["A man is playing a guitar.", "Someone plays an instrument."], "model": "all-MiniLM-L6-v2"}"""))
            .Accepts<EmbeddingsRequest>("application/json")
            .Produces<EmbeddingsResponse>()
            .ProducesStandardProblems();
        return group;
    }

    private static async Task<EmbeddingsJsonResult> EmbedAsync(
        JsonBody<EmbeddingsRequest> body,
        InferenceService inference,
        SimCseMetrics metrics,
        IDiagnosticContext log,
        HttpContext context)
    {
        long started = Stopwatch.GetTimestamp();
        EmbeddingsRequest request = body.Value;
        IReadOnlyList<int[]>? tokenIds = request.Input?.TokenIds is { } ids ? RequestValidation.RequireTokenIds(ids) : null;
        IReadOnlyList<string> texts = tokenIds is null ? RequestValidation.RequireTexts(request.Input) : [];
        int inputs = tokenIds?.Count ?? texts.Count;
        RequestValidation.RequireModelId(request.Model);
        bool base64 = ParseEncodingFormat(request.EncodingFormat);
        if (request.Dimensions is <= 0)
        {
            throw new InvalidInputException("'dimensions' must be a positive integer.");
        }
        inference.EnsureBatchSize(inputs);
        int width = inference.ResolveModel(request.Model).Dimensions;
        if (request.Dimensions > width)
        {
            throw new InvalidInputException($"'dimensions' is {request.Dimensions}, but the model produces {width}.");
        }

        // Token ids are ids of the served model's vocabulary, used as given (special tokens included), as TEI does.
        EmbeddingOutcome outcome = tokenIds is null
            ? await inference.EmbedAsync(texts, request.Model, context.RequestAborted)
            : await inference.EmbedTokenIdsAsync(tokenIds, request.Model, context.RequestAborted);

        // Truncation (Matryoshka) allocates a shorter vector; the untruncated ones are written as they came.
        IReadOnlyList<float[]> vectors = outcome.Vectors;
        if (request.Dimensions is { } dimensions && dimensions < width)
        {
            var truncated = new float[vectors.Count][];
            for (int i = 0; i < truncated.Length; i++)
            {
                truncated[i] = VectorMath.TruncateAndNormalize(vectors[i], dimensions);
            }
            vectors = truncated;
        }
        ModelVersionHeader.Set(context, outcome.ModelId);
        RequestLogFields.Record(log, inputs, outcome);
        metrics.RecordRequest("embeddings", Stopwatch.GetElapsedTime(started));
        return new EmbeddingsJsonResult(vectors, base64, outcome.ModelId, outcome.Tokens);
    }

    private static bool ParseEncodingFormat(string? format) => format switch
    {
        null or "float" => false,
        "base64" => true,
        _ => throw new InvalidInputException($"'encoding_format' must be \"float\" or \"base64\"."),
    };
}

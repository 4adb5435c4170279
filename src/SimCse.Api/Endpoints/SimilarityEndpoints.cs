using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Serilog;
using SimCse.Api.Contracts;
using SimCse.Api.OpenApi;
using SimCse.Api.Serving;
using SimCse.Core.Diagnostics;
using SimCse.Core.Errors;

namespace SimCse.Api.Endpoints;

/// <summary><c>POST /v1/similarity</c>: cosine of a source against candidates, or of each pair.</summary>
public static class SimilarityEndpoints
{
    public static RouteGroupBuilder MapSimilarity(this RouteGroupBuilder group)
    {
        group.MapPost("/similarity", ScoreAsync)
            .WithName("ScoreSimilarity")
            .WithSummary("Cosine similarity of texts")
            .WithDescription("Send `source` with `candidates` (scores in candidate order) or `pairs` of two texts each (scores in pair order). Every distinct text is embedded once, in one batch.")
            .WithMetadata(new RequestExample("""{"source": "A man is playing a guitar.", "candidates": ["A person plays an instrument.", "A chef is cooking pasta."]}"""))
            .Accepts<SimilarityRequest>("application/json")
            .ProducesStandardProblems();
        return group;
    }

    private static async Task<Ok<SimilarityResponse>> ScoreAsync(
        JsonBody<SimilarityRequest> body,
        InferenceService inference,
        SimCseMetrics metrics,
        IDiagnosticContext log,
        HttpContext context)
    {
        long started = Stopwatch.GetTimestamp();
        SimilarityRequest request = body.Value;
        RequestValidation.RequireModelId(request.Model);
        List<(string First, string Second)> pairs = ReadPairs(request);
        inference.EnsureBatchSize(pairs.Count * 2);

        // Embed each distinct text once.
        List<string> distinct = pairs.SelectMany(pair => new[] { pair.First, pair.Second }).Distinct(StringComparer.Ordinal).ToList();
        EmbeddingOutcome outcome = await inference.EmbedAsync(distinct, request.Model, context.RequestAborted);
        Dictionary<string, float[]> vectors = distinct.Select((text, index) => (text, index)).ToDictionary(entry => entry.text, entry => outcome.Vectors[entry.index], StringComparer.Ordinal);

        double[] scores = pairs.Select(pair => VectorMath.Cosine(vectors[pair.First], vectors[pair.Second])).ToArray();
        ModelVersionHeader.Set(context, outcome.ModelId);
        RequestLogFields.Record(log, distinct.Count, outcome);
        metrics.RecordRequest("similarity", Stopwatch.GetElapsedTime(started));
        return TypedResults.Ok(new SimilarityResponse(outcome.ModelId, scores, new Usage(outcome.Tokens, outcome.Tokens)));
    }

    private static List<(string, string)> ReadPairs(SimilarityRequest request)
    {
        bool sourceForm = request.Source is not null || request.Candidates is not null;
        if (sourceForm == (request.Pairs is not null))
        {
            throw new InvalidInputException("Send either 'source' with 'candidates', or 'pairs' — exactly one of the two forms.");
        }
        if (sourceForm)
        {
            string source = RequestValidation.RequireText(request.Source, "source");
            if (request.Candidates is null || request.Candidates.Count == 0)
            {
                throw new InvalidInputException("'candidates' must be a non-empty array of strings.");
            }
            return request.Candidates.Select((candidate, i) => (source, RequestValidation.RequireText(candidate, $"candidates[{i}]"))).ToList();
        }
        if (request.Pairs!.Count == 0)
        {
            throw new InvalidInputException("'pairs' must be a non-empty array of [text, text] arrays.");
        }
        return request.Pairs.Select((pair, i) => pair is { Count: 2 }
            ? (RequestValidation.RequireText(pair[0], $"pairs[{i}][0]"), RequestValidation.RequireText(pair[1], $"pairs[{i}][1]"))
            : throw new InvalidInputException($"'pairs[{i}]' must be an array of exactly two strings.")).ToList();
    }
}

using Microsoft.AspNetCore.Http.HttpResults;
using SimCse.Api.Contracts;
using SimCse.Api.OpenApi;
using SimCse.Api.Serving;
using SimCse.Core.Runtime;
using SimCse.Core.Tokenization;

namespace SimCse.Api.Endpoints;

/// <summary><c>POST /v1/tokenize</c>: the tokens a model sees, with character offsets.</summary>
public static class TokenizeEndpoints
{
    public static RouteGroupBuilder MapTokenize(this RouteGroupBuilder group)
    {
        group.MapPost("/tokenize", TokenizeAsync)
            .WithName("Tokenize")
            .WithSummary("Tokenize texts with a model's WordPiece tokenizer")
            .WithDescription("Per input: token id, vocabulary text, [start, end) character offsets into the input, and whether it is a special token. Truncation follows the embeddings route.")
            .WithMetadata(new RequestExample("""{"input": "Café prices rose 5% to $3.50."}"""))
            .Accepts<TokenizeRequest>("application/json")
            .ProducesStandardProblems();
        return group;
    }

    private static async Task<Ok<TokenizeResponse>> TokenizeAsync(JsonBody<TokenizeRequest> body, InferenceService inference, HttpContext context)
    {
        TokenizeRequest request = body.Value;
        IReadOnlyList<string> texts = RequestValidation.RequireTexts(request.Input);
        RequestValidation.RequireModelId(request.Model);
        inference.EnsureBatchSize(texts.Count);
        LoadedModelInfo model = inference.ResolveModel(request.Model);
        IReadOnlyList<TokenizedInput> tokenized = await inference.TokenizeAsync(model, texts, context.RequestAborted);
        var tokens = tokenized.Select(input => (IReadOnlyList<TokenItem>)Enumerable.Range(0, input.Length)
            .Select(i => new TokenItem(input.Ids[i], model.Tokenizer.IdToToken(input.Ids[i]), input.Offsets[i].Start, input.Offsets[i].End, input.Special[i]))
            .ToList()).ToList();
        ModelVersionHeader.Set(context, model.Id);
        return TypedResults.Ok(new TokenizeResponse(model.Id, tokens));
    }
}

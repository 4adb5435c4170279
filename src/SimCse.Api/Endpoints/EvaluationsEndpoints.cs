using SimCse.Api.Contracts;
using SimCse.Api.Evaluations;
using SimCse.Api.OpenApi;

namespace SimCse.Api.Endpoints;

/// <summary>Admin route: <c>POST /v1/evaluations</c> (STS evaluation of a model on an uploaded file).</summary>
public static class EvaluationsEndpoints
{
    public static RouteGroupBuilder MapEvaluations(this RouteGroupBuilder group)
    {
        group.MapPost("/evaluations", async (JsonBody<EvaluationRequest> body, EvaluationService evaluations, HttpContext context) =>
            {
                RequestValidation.RequireModelId(body.Value.Model);
                EvaluationResponse result = await evaluations.EvaluateFileAsync(body.Value.Model, body.Value.File, context.RequestAborted);
                ModelVersionHeader.Set(context, result.Model);
                return TypedResults.Ok(result);
            })
            .WithName("CreateEvaluation")
            .WithSummary("Evaluate a model on an uploaded STS file")
            .WithDescription("Spearman and Pearson ×100 of cosine similarity vs gold scores over all pairs, alignment over pairs with gold ≥ 80% of the scale (null when none), uniformity over all sentences. `model` defaults to the active model. A loaded model is evaluated through the serving queue (its batches wait their turn with requests); a registered model that is not loaded is loaded on a side thread for the evaluation.")
            .WithMetadata(new RequestExample("""{"model": "all-MiniLM-L6-v2", "file": "file-abc"}"""))
            .Accepts<EvaluationRequest>("application/json")
            .ProducesStandardProblems();
        return group;
    }
}

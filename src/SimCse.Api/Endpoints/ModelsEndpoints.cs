using Microsoft.AspNetCore.Http.HttpResults;
using SimCse.Api.Contracts;
using SimCse.Api.Fleet;
using SimCse.Api.OpenApi;
using SimCse.Api.Paging;
using SimCse.Api.Serving;
using SimCse.Api.Registry;

namespace SimCse.Api.Endpoints;

/// <summary><c>GET /v1/models</c> and <c>GET /v1/models/{id}</c> (OpenAI model objects plus serving state).</summary>
public static class ModelsEndpoints
{
    public static RouteGroupBuilder MapModels(this RouteGroupBuilder group)
    {
        group.MapGet("/models", (string? after, int? limit, ModelCatalog catalog) =>
            {
                ListResponse<ModelObject> page = Paging.Paging.Page(catalog.List(), model => model.Id, PageQuery.From(after, limit));
                return TypedResults.Ok(new ModelList(page.Data, page.HasMore));
            })
            .WithName("ListModels")
            .WithSummary("List known models, which are loaded and which one is active")
            .WithDescription("Packaged models first, then the configured folder, then fine-tuned checkpoints oldest first. Pages like OpenAI: `limit` 1–100 (default 20), `after` the id of the last model of the previous page; `has_more` says whether another page follows.")
            .ProducesStandardProblems();
        group.MapGet("/models/{id}", async (string id, ModelCatalog catalog, FleetRegistry fleet, CancellationToken cancellationToken) =>
                TypedResults.Ok(catalog.Get(id) with { Replicas = await fleet.StatesForAsync(id, cancellationToken) }))
            .WithName("GetModel")
            .WithSummary("One model, with each replica's state for it (serving, failed with the reason, not_serving)")
            .ProducesStandardProblems();
        return group;
    }

    /// <summary>Admin route: <c>DELETE /v1/models/{id}</c>.</summary>
    public static RouteGroupBuilder MapModelDeletion(this RouteGroupBuilder group)
    {
        group.MapDelete("/models/{id}", async (string id, ModelDeletion deletion, CancellationToken cancellationToken) =>
                TypedResults.Ok(await deletion.DeleteAsync(id, cancellationToken)))
            .WithName("DeleteModel")
            .WithSummary("Delete a fine-tuned checkpoint (its record and folder)")
            .WithDescription("409 with the reason for a packaged or configured model, the active model, a model still loaded for pinned clients, or a checkpoint whose job is still queued or running; 404 for an unknown id.")
            .ProducesStandardProblems()
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    /// <summary>Admin route: <c>POST /v1/models/{id}/activate</c>.</summary>
    public static RouteGroupBuilder MapModelActivation(this RouteGroupBuilder group)
    {
        group.MapPost("/models/{id}/activate", ActivateAsync)
            .WithName("ActivateModel")
            .WithSummary("Hot-swap the serving model")
            .WithDescription("Loads the model on a side thread, verifies it (manifest hashes, config, a warm-up forward with finite unit vectors), then swaps it in between batches: in-flight requests finish on the old model, which stays loaded for version pinning (SimCse:Serving:KeepPrevious). Returns once new requests are served by it. A model that fails to load or verify gives 422 and the old one keeps serving.")
            .ProducesStandardProblems()
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    private static async Task<Ok<ModelObject>> ActivateAsync(string id, ModelActivator activator, ModelCatalog catalog, HttpContext context)
    {
        await activator.ActivateAsync(id, context.RequestAborted);
        ModelVersionHeader.Set(context, id);
        return TypedResults.Ok(catalog.Get(id));
    }
}

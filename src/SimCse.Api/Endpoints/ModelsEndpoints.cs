using Microsoft.AspNetCore.Http.HttpResults;
using SimCse.Api.Contracts;
using SimCse.Api.OpenApi;
using SimCse.Api.Serving;
using SimCse.Core.Errors;
using SimCse.Core.Runtime;

namespace SimCse.Api.Endpoints;

/// <summary><c>GET /v1/models</c> and <c>GET /v1/models/{id}</c> (OpenAI model objects plus serving state).</summary>
public static class ModelsEndpoints
{
    public static RouteGroupBuilder MapModels(this RouteGroupBuilder group)
    {
        group.MapGet("/models", (ModelCatalog catalog) => TypedResults.Ok(new ModelList(catalog.List())))
            .WithName("ListModels")
            .WithSummary("List known models, which are loaded and which one is active")
            .ProducesStandardProblems();
        group.MapGet("/models/{id}", GetModel)
            .WithName("GetModel")
            .WithSummary("One model")
            .ProducesStandardProblems();
        return group;
    }

    private static Ok<ModelObject> GetModel(string id, ModelCatalog catalog, ModelRuntime runtime) =>
        TypedResults.Ok(catalog.Find(id) ?? throw new ModelNotFoundException(id, runtime.LoadedModelIds));
}

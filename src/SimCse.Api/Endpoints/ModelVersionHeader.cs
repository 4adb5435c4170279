namespace SimCse.Api.Endpoints;

/// <summary>Every model-dependent response names its model in <c>X-Model-Version</c> as well as in the body.</summary>
public static class ModelVersionHeader
{
    public const string Name = "X-Model-Version";

    public static void Set(HttpContext context, string modelId) => context.Response.Headers[Name] = modelId;
}

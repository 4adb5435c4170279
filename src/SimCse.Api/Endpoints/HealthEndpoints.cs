using Microsoft.AspNetCore.Http.HttpResults;
using SimCse.Api.Contracts;
using SimCse.Api.Serving;
using SimCse.Core.Errors;
using SimCse.Core.Runtime;

namespace SimCse.Api.Endpoints;

/// <summary>Liveness (the process answers) and readiness (a real forward pass on the active model succeeds).</summary>
public static class HealthEndpoints
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(30);

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder health = app.MapGroup("/health").WithTags("Operations");
        health.MapGet("/live", () => TypedResults.Ok(new HealthStatus("live")))
            .WithName("Live")
            .WithSummary("Liveness: the process is up");
        health.MapGet("/ready", ReadyAsync)
            .WithName("Ready")
            .WithSummary("Readiness: a model is loaded and a one-word forward pass succeeds")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<Results<Ok<HealthStatus>, ProblemHttpResult>> ReadyAsync(ModelRuntime runtime, StartupModelState startup, CancellationToken cancellationToken)
    {
        try
        {
            ProbeResult probe = await runtime.ProbeAsync(cancellationToken).WaitAsync(ProbeTimeout, cancellationToken);
            return TypedResults.Ok(new HealthStatus("ready", probe.ModelId));
        }
        catch (Exception ex) when (ex is SimCseException or TimeoutException)
        {
            string detail = startup.Failure is { } failure ? $"The start-up model failed to load: {failure}" : ex.Message;
            return TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready");
        }
    }
}

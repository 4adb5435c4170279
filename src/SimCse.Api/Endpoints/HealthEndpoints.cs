using Microsoft.AspNetCore.Http.HttpResults;
using SimCse.Api.Contracts;
using SimCse.Api.Serving;
using SimCse.Core.Errors;
using SimCse.Core.Runtime;

namespace SimCse.Api.Endpoints;

/// <summary>
/// Liveness (the process can still serve: its model thread runs) and readiness (the active model computed
/// a valid vector recently; TEI's shape). Both are open and cheap: a flood of probes costs at most one
/// shared forward pass per <c>ReadinessMaxAge</c>, and none while requests keep the model busy.
/// </summary>
public static class HealthEndpoints
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(30);

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder health = app.MapGroup("/health").WithTags("Operations");
        health.MapGet("/live", Live)
            .WithName("Live")
            .WithSummary("Liveness: the process is up")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        health.MapGet("/ready", ReadyAsync)
            .WithName("Ready")
            .WithSummary("Readiness: a model is loaded and a one-word forward pass succeeds")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static Results<Ok<HealthStatus>, ProblemHttpResult> Live(ModelRuntime runtime) =>
        runtime.IsModelThreadAlive
            ? TypedResults.Ok(new HealthStatus("live"))
            : TypedResults.Problem("The model thread has died; this process can no longer embed and must be restarted.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not live");

    private static async Task<Results<Ok<HealthStatus>, ProblemHttpResult>> ReadyAsync(ModelRuntime runtime, StartupModelState startup, CancellationToken cancellationToken)
    {
        try
        {
            ReadinessResult ready = await runtime.CheckReadinessAsync(cancellationToken).WaitAsync(ProbeTimeout, cancellationToken);
            return TypedResults.Ok(new HealthStatus("ready", ready.ModelId));
        }
        catch (Exception ex) when (ex is SimCseException or TimeoutException)
        {
            // No exception text: start-up failures name files and folders, which an open route must not show.
            string detail = startup.Failure is not null
                ? "The start-up model failed to load; the service log has the reason."
                : ex is TimeoutException ? "The readiness probe did not finish in time." : ReasonOf(ex);
            return TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready");
        }
    }

    private static string ReasonOf(Exception error) => error switch
    {
        ModelNotReadyException => error.Message,
        OverloadedException => "The model thread is busy; retry shortly.",
        _ => "The active model failed its readiness forward pass; the service log has the reason.",
    };
}

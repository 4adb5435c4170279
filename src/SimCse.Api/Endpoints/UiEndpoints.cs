using SimCse.Api.Contracts;
using SimCse.Api.Jobs;
using SimCse.Api.OpenApi;

namespace SimCse.Api.Endpoints;

/// <summary>
/// The dashboard at <c>/ui/</c>: three static files embedded in this assembly (no front-end toolchain, and
/// found wherever the app runs from), open like Swagger UI; the page asks for an API key and sends it on its
/// own calls. Also <c>GET /v1/fine_tuning/jobs/{id}/curves</c>, the data its charts and the SVG report draw.
/// </summary>
public static class UiEndpoints
{
    private const string ResourcePrefix = "ui/";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["dashboard.js"] = "text/javascript; charset=utf-8",
        ["dashboard.css"] = "text/css; charset=utf-8",
    };

    public static WebApplication MapUi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Relative asset and API URLs in the page resolve against /ui/, so /ui redirects there.
        // Routing matches /ui and /ui/ alike; only the trailing-slash form serves the page.
        app.MapGet("/ui", (HttpContext context) => context.Request.Path.Value?.EndsWith('/') == true
                ? Serve(context, "index.html")
                : (IResult)TypedResults.Redirect($"{context.Request.PathBase}/ui/"))
            .ExcludeFromDescription();
        app.MapGet("/ui/{file}", (string file, HttpContext context) => Serve(context, file)).ExcludeFromDescription();
        return app;
    }

    public static RouteGroupBuilder MapJobCurves(this RouteGroupBuilder group)
    {
        group.MapGet("/fine_tuning/jobs/{id}/curves", async (string id, JobReport report, CancellationToken cancellationToken) =>
                TypedResults.Ok(await report.CurvesAsync(id, cancellationToken)))
            .WithName("GetFineTuningJobCurves")
            .WithSummary("A job's curves: training loss per step and evaluations, base model first")
            .WithDescription("The data the dashboard and the SVG report draw. `evaluations` starts with the base model evaluated on the job's validation file (step 0, label `base`; computed on first request), then each evaluated checkpoint: Spearman ×100, alignment and uniformity (the SimCSE paper's figure 2 path). Without a validation file there are no evaluations.")
            .Produces<JobCurves>()
            .ProducesStandardProblems();
        return group;
    }

    private static IResult Serve(HttpContext context, string file)
    {
        if (!ContentTypes.TryGetValue(file, out string? contentType)
            || typeof(UiEndpoints).Assembly.GetManifestResourceStream(ResourcePrefix + file) is not { } stream)
        {
            return TypedResults.NotFound();
        }
        // Small files that change with each release: always revalidate rather than cache stale scripts.
        context.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Stream(stream, contentType);
    }
}

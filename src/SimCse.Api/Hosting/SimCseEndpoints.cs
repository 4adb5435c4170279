using Serilog;
using SimCse.Api.Endpoints;
using SimCse.Api.Security;

namespace SimCse.Api.Hosting;

/// <summary>The middleware pipeline and the route table.</summary>
public static partial class SimCseEndpoints
{
    public static WebApplication UseSimCse(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Outermost, so the request log sees the status the error handler chose, not the exception.
        app.UseSerilogRequestLogging(options =>
        {
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            options.GetLevel = (context, _, exception) => RequestLogLevels.For(context, exception);
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSwagger();
        app.UseSwaggerUI(options => options.DocumentTitle = "SimCseService");
        app.UseMiddleware<ApiKeyMiddleware>();
        // After the exception handler, so a timed-out request's cancellation becomes the policy's 503, not a 499.
        app.UseRequestTimeouts();
        WarnWhenOpen(app);
        StartupBanner.LogUrlsWhenStarted(app);
        return app;
    }

    public static WebApplication MapSimCse(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealth();
        app.MapUi();
        app.MapPrometheusScrapingEndpoint("/metrics");

        RouteGroupBuilder v1 = app.MapGroup("/v1")
            .WithTags("Inference")
            .WithMetadata(new ApiKeyRequirement(RequireAdmin: false));
        v1.MapEmbeddings();
        v1.MapSimilarity();
        v1.MapTokenize();
        v1.MapModels();

        RouteGroupBuilder admin = app.MapGroup("/v1")
            .WithTags("Administration")
            .WithMetadata(new ApiKeyRequirement(RequireAdmin: true))
            .WithMetadata(new Microsoft.AspNetCore.Http.Timeouts.RequestTimeoutAttribute(ServerLimits.AdminPolicy));
        admin.MapModelActivation();
        admin.MapModelDeletion();
        admin.MapFiles();
        admin.MapFineTuning();
        admin.MapJobCurves();
        admin.MapEvaluations();
        return app;
    }

    private static void WarnWhenOpen(WebApplication app)
    {
        ApiKeyRing keys = app.Services.GetRequiredService<ApiKeyRing>();
        if (keys.UserRoutesOpen)
        {
            LogOpen(app.Logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No user API keys configured (SimCse:Auth:ApiKeys): /v1 inference routes are open to every caller the service accepts (see the auth mode)")]
    private static partial void LogOpen(Microsoft.Extensions.Logging.ILogger logger);
}

using Serilog.Events;

namespace SimCse.Api.Hosting;

/// <summary>
/// Levels of the one-line request log, so a console shows what people do rather than what probes do:
/// health checks and metric scrapes (every few seconds, and 503 until the model is ready) at Debug,
/// server errors at Error, everything else at Information.
/// </summary>
public static class RequestLogLevels
{
    public static LogEventLevel For(HttpContext context, Exception? exception)
    {
        ArgumentNullException.ThrowIfNull(context);
        PathString path = context.Request.Path;
        bool probe = path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase);
        int status = context.Response.StatusCode;
        if (probe && (status < StatusCodes.Status500InternalServerError || status == StatusCodes.Status503ServiceUnavailable))
        {
            return LogEventLevel.Debug;
        }
        return exception is not null || status >= StatusCodes.Status500InternalServerError ? LogEventLevel.Error : LogEventLevel.Information;
    }
}

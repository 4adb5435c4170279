using System.Globalization;
using SimCse.Api.Jobs;

namespace SimCse.Api.Persistence;

/// <summary>
/// Routes that read or write the database answer 503 with <c>Retry-After</c> while it is unreachable or locked (a
/// restart of PostgreSQL, a busy SQLite file), never 500: the client did nothing wrong and can simply retry.
/// </summary>
public sealed class DatabaseUnavailableFilter : IEndpointFilter
{
    public const int RetryAfterSeconds = 2;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(context);
        }
        catch (Exception ex) when (DatabaseRetry.IsTransient(ex))
        {
            // Answered here rather than thrown: the exception handler clears response headers, and Retry-After must stay.
            context.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Database unavailable",
                detail: "The database is unavailable right now; retry shortly.");
        }
    }
}

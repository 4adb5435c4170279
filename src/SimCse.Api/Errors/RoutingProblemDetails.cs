using Microsoft.AspNetCore.Mvc;

namespace SimCse.Api.Errors;

/// <summary>
/// Gives the problems routing produces by itself (no handler ran, so no exception carries a message) a
/// detail that says what to change, like the handler-made problems do.
/// </summary>
public static class RoutingProblemDetails
{
    public static void Describe(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ProblemDetails problem = context.ProblemDetails;
        if (problem.Detail is not null)
        {
            return;
        }
        problem.Detail = problem.Status switch
        {
            StatusCodes.Status415UnsupportedMediaType => "Send the body as JSON with Content-Type: application/json.",
            StatusCodes.Status405MethodNotAllowed => $"{context.HttpContext.Request.Method} is not allowed on {context.HttpContext.Request.Path}; see the Allow header.",
            _ => null,
        };
    }
}

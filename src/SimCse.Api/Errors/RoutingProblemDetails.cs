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
            StatusCodes.Status415UnsupportedMediaType => DescribeAccepted(context.HttpContext),
            StatusCodes.Status405MethodNotAllowed => $"{context.HttpContext.Request.Method} is not allowed on {context.HttpContext.Request.Path}; see the Allow header.",
            _ => null,
        };
    }

    /// <summary>
    /// Names the content type the route takes. Routing refuses the request before any endpoint is chosen, so the
    /// route's own metadata is out of reach; every route takes JSON except the upload, so a JSON body that was
    /// refused was sent to the upload.
    /// </summary>
    private static string DescribeAccepted(HttpContext http) =>
        http.Request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true
            ? "Send the body as multipart/form-data with fields 'file' and 'purpose'."
            : "Send the body as JSON with Content-Type: application/json.";
}

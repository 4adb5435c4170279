using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using SimCse.Core.Errors;

namespace SimCse.Api.Errors;

/// <summary>
/// Turns every exception that reaches the pipeline into RFC 7807 problem+json: Core's typed errors by
/// their kind, malformed bodies (JSON errors, oversize bodies) by Kestrel's status, a client that went
/// away by no response at all. Anything else is a bug: 500, logged with its stack.
/// </summary>
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // Nobody is listening; 499 (nginx's "client closed request") keeps the request log honest.
            httpContext.Response.StatusCode = 499;
            return true;
        }

        (int status, string detail) = Describe(exception);
        if (status >= StatusCodes.Status500InternalServerError && status != StatusCodes.Status503ServiceUnavailable)
        {
            LogServerError(logger, exception);
        }
        if (exception is OverloadedException overloaded)
        {
            httpContext.Response.Headers.RetryAfter = overloaded.RetryAfter.TotalSeconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture);
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = ErrorStatusCodes.Title(status), Detail = detail },
        });
    }

    private static (int Status, string Detail) Describe(Exception exception) => exception switch
    {
        SimCseException known => (ErrorStatusCodes.For(known.Kind), known.Message),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (StatusCodes.Status413PayloadTooLarge, "The request body exceeds the size limit."),
        BadHttpRequestException bad => (bad.StatusCode, DescribeBadBody(bad)),
        JsonException json => (StatusCodes.Status400BadRequest, DescribeJson(json)),
        _ => (StatusCodes.Status500InternalServerError, "An unexpected error occurred; it has been logged."),
    };

    private static string DescribeBadBody(BadHttpRequestException bad) =>
        bad.InnerException is JsonException json ? DescribeJson(json) : bad.Message;

    /// <summary>Names the field (<c>$.input</c>) and says what was wrong, without echoing request text.</summary>
    private static string DescribeJson(JsonException json)
    {
        string path = string.IsNullOrEmpty(json.Path) ? "the body" : $"'{json.Path}'";
        string reason = json.InnerException is not null || json.Message.Contains("LineNumber", StringComparison.Ordinal)
            ? "is not valid JSON of the expected type"
            : json.Message;
        return $"Invalid JSON at {path}: {reason}";
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled server error")]
    private static partial void LogServerError(ILogger logger, Exception exception);
}

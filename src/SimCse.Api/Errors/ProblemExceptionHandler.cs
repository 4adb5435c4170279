using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.AspNetCore.Mvc;
using SimCse.Core.Errors;

namespace SimCse.Api.Errors;

/// <summary>
/// Turns every exception that reaches the pipeline into RFC 7807 problem+json: Core's typed errors by
/// their kind, malformed bodies (JSON errors, oversize bodies) by Kestrel's status, a client that went
/// away by no response at all, a database that stayed locked past its busy timeout by 503 with
/// <c>Retry-After</c>. Anything else is a bug: 500, logged with its stack.
/// </summary>
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>How long a client should wait after the database was busy (another writer held its lock).</summary>
    public static readonly TimeSpan BusyRetryAfter = TimeSpan.FromSeconds(2);

    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

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
        TimeSpan? retryAfter = exception is OverloadedException overloaded ? overloaded.RetryAfter
            : IsDatabaseBusy(exception) ? BusyRetryAfter
            : null;
        if (retryAfter is { } wait)
        {
            httpContext.Response.Headers.RetryAfter = Math.Max(1, Math.Ceiling(wait.TotalSeconds)).ToString("0", CultureInfo.InvariantCulture);
        }

        httpContext.Response.StatusCode = status;
        // FallbackProblemWriter accepts any Accept header, so this writes; true either way: reporting "not handled"
        // would make the exception middleware turn a 404 into a 500.
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = ErrorStatusCodes.Title(status), Detail = detail },
        });
        return true;
    }

    /// <summary>The status and the client-facing detail for an exception (never request text or file content).</summary>
    public static (int Status, string Detail) Describe(Exception exception) => exception switch
    {
        SimCseException known => (ErrorStatusCodes.For(known.Kind), known.Message),
        _ when IsDatabaseBusy(exception) => (StatusCodes.Status503ServiceUnavailable, "The database is busy (another writer holds its lock); retry after the Retry-After interval."),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (StatusCodes.Status413PayloadTooLarge, "The request body exceeds the size limit."),
        BadHttpRequestException bad => (bad.StatusCode, DescribeBadBody(bad)),
        JsonException json => (StatusCodes.Status400BadRequest, DescribeJson(json)),
        _ => (StatusCodes.Status500InternalServerError, "An unexpected error occurred; it has been logged."),
    };

    /// <summary>SQLite's BUSY/LOCKED past the busy timeout, or any provider's transient error, possibly wrapped by EF Core.</summary>
    public static bool IsDatabaseBusy(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is SqliteException sqlite)
            {
                return sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked;
            }
            if (current is DbException { IsTransient: true })
            {
                return true;
            }
        }
        return false;
    }

    private static string DescribeBadBody(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            return DescribeJson(json);
        }
        // Minimal APIs say 'Failed to bind parameter "int? limit" from "<value>".': keep the name, drop the echo.
        Match binding = BindingFailure().Match(bad.Message);
        return binding.Success
            ? $"'{binding.Groups["name"].Value}' must be a valid {binding.Groups["type"].Value.TrimEnd('?')}."
            : bad.Message;
    }

    [GeneratedRegex("^Failed to bind parameter \"(?<type>[^\" ]+) (?<name>[^\" ]+)\" from", RegexOptions.CultureInvariant)]
    private static partial Regex BindingFailure();

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

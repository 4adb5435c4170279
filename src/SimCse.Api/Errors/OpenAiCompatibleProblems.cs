using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using SimCse.Core.Errors;

namespace SimCse.Api.Errors;

/// <summary>
/// Makes every RFC 7807 body readable by OpenAI clients: adds OpenAI's <c>error</c> member, and answers
/// <c>application/json</c> when the client's Accept does not accept <c>application/problem+json</c>
/// (the OpenAI Node SDK parses error bodies only under a JSON content type; the .NET and Python SDKs send
/// <c>Accept: application/json</c> too). No Accept header, <c>*/*</c> or <c>application/*</c> keep
/// problem+json, as RFC 7807 asks. Runs as the problem-details customization, so problems from the
/// exception handler, routing, status-code pages and the API-key challenge all get it.
/// </summary>
public static partial class OpenAiCompatibleProblems
{
    public const string ProblemMediaType = "application/problem+json";
    private const string JsonContentType = "application/json; charset=utf-8";
    private static readonly MediaTypeHeaderValue ProblemJson = new(ProblemMediaType);

    public static void Apply(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ProblemDetails problem = context.ProblemDetails;
        int status = problem.Status ?? context.HttpContext.Response.StatusCode;
        string message = problem.Detail ?? problem.Title ?? ReasonPhrases.GetReasonPhrase(status);
        problem.Extensions["error"] = new OpenAiError(message, TypeFor(status), ParamFor(status, context.Exception, problem.Detail), CodeFor(status, context.Exception));

        HttpContext http = context.HttpContext;
        if (!AcceptsProblemJson(http.Request))
        {
            http.Response.OnStarting(() =>
            {
                if (http.Response.ContentType?.StartsWith(ProblemMediaType, StringComparison.OrdinalIgnoreCase) == true)
                {
                    http.Response.ContentType = JsonContentType;
                }
                return Task.CompletedTask;
            });
        }
    }

    /// <summary>True when the request has no Accept header or one of its ranges covers problem+json.</summary>
    public static bool AcceptsProblemJson(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        List<string> accept = request.Headers.Accept.Where(value => !string.IsNullOrWhiteSpace(value)).Select(value => value!).ToList();
        if (accept.Count == 0)
        {
            return true;
        }
        if (!MediaTypeHeaderValue.TryParseList(accept, out IList<MediaTypeHeaderValue>? ranges))
        {
            return true;
        }
        return ranges.Any(range => range.Quality is not 0 && Covers(range));
    }

    /// <summary>
    /// Exact type/subtype or wildcard match. Not <see cref="MediaTypeHeaderValue.IsSubsetOf"/>: it lets
    /// <c>application/json</c> cover <c>application/problem+json</c> by the +json suffix, which is the
    /// very case the Node SDK trips on.
    /// </summary>
    private static bool Covers(MediaTypeHeaderValue range) =>
        range.MatchesAllTypes
        || (range.Type.Equals(ProblemJson.Type, StringComparison.OrdinalIgnoreCase)
            && (range.MatchesAllSubTypes || range.SubType.Equals(ProblemJson.SubType, StringComparison.OrdinalIgnoreCase)));

    private static string TypeFor(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "authentication_error",
        StatusCodes.Status403Forbidden => "permission_error",
        StatusCodes.Status429TooManyRequests => "rate_limit_error",
        >= StatusCodes.Status500InternalServerError => "server_error",
        _ => "invalid_request_error",
    };

    private static string CodeFor(int status, Exception? exception) => exception is ModelNotFoundException
        ? "model_not_found"
        : status switch
        {
            StatusCodes.Status400BadRequest => "invalid_request",
            StatusCodes.Status401Unauthorized => "invalid_api_key",
            StatusCodes.Status403Forbidden => "forbidden",
            StatusCodes.Status404NotFound => "not_found",
            StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
            StatusCodes.Status409Conflict => "conflict",
            StatusCodes.Status413PayloadTooLarge => "request_too_large",
            StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
            StatusCodes.Status422UnprocessableEntity => "unprocessable_input",
            StatusCodes.Status429TooManyRequests => "rate_limit_exceeded",
            StatusCodes.Status503ServiceUnavailable => "not_ready",
            >= StatusCodes.Status500InternalServerError => "server_error",
            _ => $"http_{status}",
        };

    /// <summary>
    /// The field a 400 names: our details quote it first (<c>'input' must not be empty</c>,
    /// <c>Invalid JSON at '$.dimensions'</c>). Other statuses quote ids, not fields, so they name none,
    /// except an unknown model, which is always the <c>model</c> field.
    /// </summary>
    private static string? ParamFor(int status, Exception? exception, string? detail)
    {
        if (exception is ModelNotFoundException)
        {
            return "model";
        }
        if (status != StatusCodes.Status400BadRequest || detail is null)
        {
            return null;
        }
        Match quoted = QuotedField().Match(detail);
        return quoted.Success ? quoted.Groups["field"].Value : null;
    }

    [GeneratedRegex(@"'(?:\$\.)?(?<field>[A-Za-z_][A-Za-z0-9_]*(?:\[\d+\])*(?:\.[A-Za-z_][A-Za-z0-9_]*(?:\[\d+\])*)*)'")]
    private static partial Regex QuotedField();
}

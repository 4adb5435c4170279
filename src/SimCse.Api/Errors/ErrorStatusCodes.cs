using SimCse.Core.Errors;

namespace SimCse.Api.Errors;

/// <summary>The one table from Core error kinds to HTTP status codes (CONTRACT.md's codes).</summary>
public static class ErrorStatusCodes
{
    public static int For(ErrorKind kind) => kind switch
    {
        ErrorKind.BadRequest => StatusCodes.Status400BadRequest,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorKind.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        ErrorKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        ErrorKind.Overloaded => StatusCodes.Status429TooManyRequests,
        ErrorKind.NotReady => StatusCodes.Status503ServiceUnavailable,
        ErrorKind.ModelFailure => StatusCodes.Status500InternalServerError,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static string Title(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "Invalid request",
        StatusCodes.Status401Unauthorized => "Missing or invalid API key",
        StatusCodes.Status403Forbidden => "Forbidden",
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status409Conflict => "Conflict",
        StatusCodes.Status413PayloadTooLarge => "Request too large",
        StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
        StatusCodes.Status422UnprocessableEntity => "Unprocessable input",
        StatusCodes.Status429TooManyRequests => "Overloaded",
        StatusCodes.Status503ServiceUnavailable => "Not ready",
        _ => "Server error",
    };
}

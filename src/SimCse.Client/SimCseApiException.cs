using System.Net;

namespace SimCse.Client;

/// <summary>
/// The service refused a request: its HTTP status, and from the RFC 7807 body its <c>title</c> and
/// <c>detail</c> (the message, which names the field at fault) plus OpenAI's <c>error.code</c> and <c>error.param</c>.
/// </summary>
public sealed class SimCseApiException : Exception
{
    public SimCseApiException()
    {
    }

    public SimCseApiException(string message)
        : base(message)
    {
    }

    public SimCseApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SimCseApiException(HttpStatusCode statusCode, string? title, string? detail, string? code, string? param)
        : base(detail ?? title ?? $"The service answered {(int)statusCode}.")
    {
        StatusCode = statusCode;
        Title = title;
        Detail = detail;
        Code = code;
        Param = param;
    }

    public HttpStatusCode StatusCode { get; }

    /// <summary>RFC 7807 <c>title</c> (e.g. "Not found").</summary>
    public string? Title { get; }

    /// <summary>RFC 7807 <c>detail</c>: what was wrong, naming the field.</summary>
    public string? Detail { get; }

    /// <summary>OpenAI <c>error.code</c>, e.g. <c>model_not_found</c>.</summary>
    public string? Code { get; }

    /// <summary>OpenAI <c>error.param</c>: the request field at fault, when known.</summary>
    public string? Param { get; }
}

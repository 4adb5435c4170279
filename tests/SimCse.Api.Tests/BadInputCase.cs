using System.Net;

namespace SimCse.Api.Tests;

/// <summary>
/// One malformed request and what the service must answer: a 4xx problem, whose <c>detail</c> (when
/// <paramref name="DetailMentions"/> is set) names the offending field.
/// </summary>
public sealed record BadInputCase(
    string Name,
    HttpMethod Method,
    string Path,
    string? ContentType,
    byte[]? Body,
    HttpStatusCode Status,
    string? DetailMentions);

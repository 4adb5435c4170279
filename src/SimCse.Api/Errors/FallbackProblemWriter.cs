using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace SimCse.Api.Errors;

/// <summary>
/// The last problem writer: when no other one accepts the request's <c>Accept</c> (e.g. <c>image/svg+xml</c> on the
/// report route), it still writes the problem as <c>application/problem+json</c>. Without it the exception handler
/// finds nobody to write the body and the error turns into a 500. Registered after the default writer, so it only
/// writes what that one refuses, with the same customisation.
/// </summary>
public sealed class FallbackProblemWriter(IOptions<ProblemDetailsOptions> problemOptions, IOptions<JsonOptions> jsonOptions) : IProblemDetailsWriter
{
    public const string MediaType = "application/problem+json";

    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        HttpContext http = context.HttpContext;
        context.ProblemDetails.Status ??= http.Response.StatusCode;
        context.ProblemDetails.Title ??= ErrorStatusCodes.Title(http.Response.StatusCode);
        problemOptions.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(http.Response.WriteAsJsonAsync(context.ProblemDetails, jsonOptions.Value.SerializerOptions, MediaType, http.RequestAborted));
    }
}

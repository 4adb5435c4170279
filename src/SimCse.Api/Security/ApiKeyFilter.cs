using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace SimCse.Api.Security;

/// <summary>
/// Endpoint filter for <c>Authorization: Bearer &lt;key&gt;</c>; 401 problem+json when missing or wrong.
/// Filters run after body binding, so a route guarded only by this filter answers a malformed body
/// with 400 before checking the key; prefer <see cref="ApiKeyRequirement"/> metadata, which
/// <see cref="ApiKeyMiddleware"/> enforces before binding.
/// </summary>
public sealed class ApiKeyFilter(bool requireAdmin) : IEndpointFilter
{
    private const string Scheme = "Bearer ";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        return Challenge(context.HttpContext, requireAdmin) ?? await next(context);
    }

    /// <summary>Null when the request carries an accepted key; otherwise the 401 problem to send (the challenge header is already set).</summary>
    public static ProblemHttpResult? Challenge(HttpContext http, bool requireAdmin)
    {
        ArgumentNullException.ThrowIfNull(http);
        ApiKeyRing keys = http.RequestServices.GetRequiredService<ApiKeyRing>();
        string? presented = ReadBearer(http.Request.Headers.Authorization.ToString());
        bool allowed = requireAdmin ? keys.AllowsAdmin(presented) : keys.AllowsUser(presented);
        if (allowed)
        {
            return null;
        }
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return TypedResults.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status401Unauthorized,
            Title = "Missing or invalid API key",
            Detail = requireAdmin ? "This route needs an admin key: Authorization: Bearer <key>." : "Send Authorization: Bearer <key>.",
        });
    }

    private static string? ReadBearer(string header) =>
        header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..].Trim() : null;
}

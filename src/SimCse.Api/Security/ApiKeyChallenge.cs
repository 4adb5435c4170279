using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace SimCse.Api.Security;

/// <summary>Checks <c>Authorization: Bearer &lt;key&gt;</c> against the key ring; 401 problem+json when missing or wrong.</summary>
public static class ApiKeyChallenge
{
    private const string Scheme = "Bearer ";

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
            Detail = !requireAdmin ? "Send Authorization: Bearer <key>."
                : keys.AdminKeysConfigured ? "This route needs an admin key: Authorization: Bearer <key>."
                : "This route needs an admin key, and none is configured (SimCse:Auth:AdminApiKeys); user keys never grant it.",
        });
    }

    private static string? ReadBearer(string header) =>
        header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..].Trim() : null;
}

using Microsoft.AspNetCore.Mvc;

namespace SimCse.Api.Security;

/// <summary>
/// Enforces <see cref="ApiKeyRequirement"/> after routing but before the endpoint binds its body, so a
/// caller without a key gets 401 whatever it sent, and learns nothing from validation errors. Also refuses
/// non-loopback callers of a keyless service (see <see cref="ApiKeyRing.LoopbackOnly"/>) and cross-site
/// browser requests to state-changing admin routes (see <see cref="CrossSiteRequestGuard"/>), both with 403.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.GetEndpoint()?.Metadata.GetMetadata<ApiKeyRequirement>() is { } requirement)
        {
            ApiKeyRing keys = context.RequestServices.GetRequiredService<ApiKeyRing>();
            if (keys.LoopbackOnly && context.Connection.RemoteIpAddress is { } remote && !LoopbackAddresses.IsLoopback(remote))
            {
                await Forbidden(context, "This service has no API keys configured and serves loopback callers only (SimCse:Auth).");
                return;
            }
            if (ApiKeyChallenge.Challenge(context, requirement.RequireAdmin) is { } challenge)
            {
                await challenge.ExecuteAsync(context);
                return;
            }
            if (requirement.RequireAdmin && CrossSiteRequestGuard.IsCrossSite(context.Request))
            {
                await Forbidden(context, "Cross-origin browser requests cannot change state here; call the API from a client, or from this service's own origin.");
                return;
            }
        }
        await next(context);
    }

    private static Task Forbidden(HttpContext context, string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Forbidden", Detail = detail }).ExecuteAsync(context);
}

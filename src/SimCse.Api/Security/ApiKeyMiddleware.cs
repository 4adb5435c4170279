namespace SimCse.Api.Security;

/// <summary>
/// Enforces <see cref="ApiKeyRequirement"/> after routing but before the endpoint binds its body, so a
/// caller without a key gets 401 whatever it sent, and learns nothing from validation errors.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.GetEndpoint()?.Metadata.GetMetadata<ApiKeyRequirement>() is { } requirement
            && ApiKeyChallenge.Challenge(context, requirement.RequireAdmin) is { } challenge)
        {
            await challenge.ExecuteAsync(context);
            return;
        }
        await next(context);
    }
}

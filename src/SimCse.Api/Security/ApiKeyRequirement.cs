namespace SimCse.Api.Security;

/// <summary>
/// Endpoint metadata: the route needs an API key (an admin key when <paramref name="RequireAdmin"/>).
/// The most specific one wins, so an admin route inside the user-key <c>/v1</c> group can tighten it.
/// </summary>
public sealed record ApiKeyRequirement(bool RequireAdmin);

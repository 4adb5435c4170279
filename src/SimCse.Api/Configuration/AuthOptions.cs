namespace SimCse.Api.Configuration;

/// <summary>
/// Section <c>SimCse:Auth</c>. With no keys at all the service serves anonymously on loopback addresses only,
/// unless <see cref="AllowAnonymous"/> says an open service on other addresses is intended.
/// </summary>
public sealed class AuthOptions
{
    public const string SectionName = "SimCse:Auth";

    /// <summary>Bearer keys accepted on <c>/v1/*</c>.</summary>
    public IList<string> ApiKeys { get; } = [];

    /// <summary>
    /// Bearer keys required for files, jobs, evaluations, activation and deletion whenever any key is configured
    /// (a user key alone never grants them); also accepted on the user routes.
    /// </summary>
    public IList<string> AdminApiKeys { get; } = [];

    /// <summary>Serve without keys on non-loopback addresses too (off: such a start is refused).</summary>
    public bool AllowAnonymous { get; set; }
}

namespace SimCse.Api.Configuration;

/// <summary>Section <c>SimCse:Auth</c>. Empty lists leave the routes open (the development default, logged as a warning).</summary>
public sealed class AuthOptions
{
    public const string SectionName = "SimCse:Auth";

    /// <summary>Bearer keys accepted on <c>/v1/*</c>.</summary>
    public IList<string> ApiKeys { get; } = [];

    /// <summary>Bearer keys required for files, jobs, evaluations and model activation.</summary>
    public IList<string> AdminApiKeys { get; } = [];
}

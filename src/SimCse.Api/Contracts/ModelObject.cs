namespace SimCse.Api.Contracts;

/// <summary>
/// OpenAI model object, extended with serving state and lineage. <see cref="LoadError"/> is set on a model
/// that was active before a restart but failed to load at start-up (the configured model serves instead).
/// </summary>
public sealed record ModelObject(
    string Id,
    long Created,
    string OwnedBy,
    bool Active,
    bool Loaded,
    string? BaseModel,
    IReadOnlyDictionary<string, double>? Metrics,
    string? LoadError = null)
{
    public string Object => "model";
}

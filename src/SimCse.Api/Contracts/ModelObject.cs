namespace SimCse.Api.Contracts;

/// <summary>OpenAI model object, extended with serving state and lineage.</summary>
public sealed record ModelObject(
    string Id,
    long Created,
    string OwnedBy,
    bool Active,
    bool Loaded,
    string? BaseModel,
    IReadOnlyDictionary<string, double>? Metrics)
{
    public string Object => "model";
}

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

    /// <summary>On <c>GET /v1/models/{id}</c>: each live replica's state for this model (one entry when running alone).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ReplicaModelState>? Replicas { get; init; }
}

using System.Text.Json.Serialization;

namespace SimCse.Api.Contracts;

/// <summary>OpenAI model object, extended with serving state and lineage.</summary>
/// <param name="Id">Model id.</param>
/// <param name="Created">Unix seconds.</param>
/// <param name="OwnedBy"><c>simcse-service</c> for packaged models, else <c>user</c>.</param>
/// <param name="Active">Whether it serves requests that name no model.</param>
/// <param name="Loaded">Whether it is in memory.</param>
/// <param name="BaseModel">What a fine-tuned model was trained from.</param>
/// <param name="Metrics">Evaluation metrics of a checkpoint.</param>
/// <param name="DType">Loaded models: the dtype they compute in (<c>float32</c>, <c>bfloat16</c>, <c>float16</c>).</param>
/// <param name="DTypeReason">Loaded models: why that dtype (with <c>DType=auto</c>: CPU support and the start-up check's cosine).</param>
/// <param name="LoadError">Set on a model that was active before a restart but failed to load at start-up (the configured model serves instead).</param>
/// <param name="Pinned">Loaded but not active: kept in memory after a later activation for clients that name it (SimCse:Serving:KeepPrevious).</param>
public sealed record ModelObject(
    string Id,
    long Created,
    string OwnedBy,
    bool Active,
    bool Loaded,
    string? BaseModel,
    IReadOnlyDictionary<string, double>? Metrics,
    [property: JsonPropertyName("dtype")] string? DType = null,
    [property: JsonPropertyName("dtype_reason")] string? DTypeReason = null,
    string? LoadError = null,
    bool Pinned = false)
{
    public string Object => "model";

    /// <summary>On <c>GET /v1/models/{id}</c>: each live replica's state for this model (one entry when running alone).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ReplicaModelState>? Replicas { get; init; }
}

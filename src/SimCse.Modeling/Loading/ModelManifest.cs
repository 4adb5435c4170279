using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SimCse.Modeling.Loading;

/// <summary>
/// <c>simcse.json</c>: what the service needs beyond a Hugging Face folder (id, lineage, pooling, max
/// length) and the sha256 of every other file, so a corrupted or half-copied folder is refused.
/// </summary>
public sealed record ModelManifest
{
    public const string FileName = "simcse.json";

    private static readonly JsonSerializerOptions SerializerOptions = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    [JsonPropertyName("model_id")]
    public required string ModelId { get; init; }

    [JsonPropertyName("base_model")]
    public string? BaseModel { get; init; }

    [JsonPropertyName("pooling")]
    public required string Pooling { get; init; }

    [JsonPropertyName("max_seq_length")]
    public required int MaxSeqLength { get; init; }

    [JsonPropertyName("created")]
    public required DateTimeOffset Created { get; init; }

    /// <summary>Relative path (forward slashes) → lowercase hex sha256.</summary>
    [JsonPropertyName("files")]
    public IReadOnlyDictionary<string, string> Files { get; init; } = new Dictionary<string, string>();

    /// <summary>Free-form training facts (step, hyperparameters, metrics) written by the trainer.</summary>
    [JsonPropertyName("training")]
    public JsonObject? Training { get; init; }

    public static ModelManifest Parse(string json) =>
        JsonSerializer.Deserialize<ModelManifest>(json, SerializerOptions)
        ?? throw new InvalidDataException($"{FileName} is empty.");

    public string ToJson() => JsonSerializer.Serialize(this, SerializerOptions);
}

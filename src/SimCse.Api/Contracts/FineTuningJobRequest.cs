using System.Text.Json;
using System.Text.Json.Serialization;

namespace SimCse.Api.Contracts;

/// <summary>Body of <c>POST /v1/fine_tuning/jobs</c>. Fields the contract does not name land in <see cref="Unknown"/> and are refused (400 naming them).</summary>
public sealed record FineTuningJobRequest(
    string? Model,
    string? TrainingFile,
    string? ValidationFile,
    FineTuningMethod? Method,
    int? Seed,
    string? Suffix,
    bool? AutoActivate)
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SimCse.Api.Contracts;

/// <summary>
/// <c>method</c>: <c>{type: "unsupervised" | "supervised" | "scored_pairs", hyperparameters}</c> (CONTRACT.md names; omitted
/// ones take the method's default recipe). The hyperparameters stay raw JSON here so that unknown names can be refused by name
/// (<c>Jobs.HyperparameterRules</c>).
/// </summary>
public sealed record FineTuningMethod(string? Type, JsonObject? Hyperparameters)
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}

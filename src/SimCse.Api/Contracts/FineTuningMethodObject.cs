using System.Text.Json.Nodes;

namespace SimCse.Api.Contracts;

/// <summary>The job's <c>method</c> as returned: its type and effective hyperparameters.</summary>
public sealed record FineTuningMethodObject(string Type, JsonObject Hyperparameters);

using SimCse.Modeling.Training;

namespace SimCse.Api.Contracts;

/// <summary><c>method</c>: <c>{type: "unsupervised" | "supervised" | "scored_pairs", hyperparameters}</c> (CONTRACT.md names; omitted ones take the method's default recipe).</summary>
public sealed record FineTuningMethod(string? Type, TrainingHyperparameters? Hyperparameters);

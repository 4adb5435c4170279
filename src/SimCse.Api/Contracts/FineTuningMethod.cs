using SimCse.Modeling.Training;

namespace SimCse.Api.Contracts;

/// <summary><c>method</c>: <c>{type: "unsupervised" | "supervised", hyperparameters}</c> (CONTRACT.md names; omitted ones take the SimCSE defaults).</summary>
public sealed record FineTuningMethod(string? Type, TrainingHyperparameters? Hyperparameters);

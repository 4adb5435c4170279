using SimCse.Api.Configuration;

namespace SimCse.Api.Jobs;

/// <summary>One row of <see cref="HyperparameterRules.Bounds"/>: a hyperparameter's smallest and largest value (the largest may come from configuration or the base model).</summary>
public sealed record HyperparameterBound(string Name, double Min, Func<TrainingOptions, ModelShape?, double> Max, bool MinExclusive = false);

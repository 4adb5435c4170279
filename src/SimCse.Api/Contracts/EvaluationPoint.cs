namespace SimCse.Api.Contracts;

/// <summary>
/// One evaluation on the validation file: step 0 is the base model (<see cref="Model"/> is its id), later
/// steps the checkpoints. Spearman ×100; alignment and uniformity on normalised vectors (lower is better).
/// </summary>
public sealed record EvaluationPoint(int Step, string Label, double Spearman, double? Alignment, double? Uniformity, string? Model = null);

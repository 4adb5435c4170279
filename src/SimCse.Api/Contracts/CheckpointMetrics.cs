namespace SimCse.Api.Contracts;

/// <summary>A checkpoint's metrics: mean training loss since the previous one and, with a validation file, STS Spearman ×100, alignment and uniformity.</summary>
public sealed record CheckpointMetrics(double TrainLoss, double? ValidSpearman, double? Alignment, double? Uniformity);

namespace SimCse.Api.Contracts;

/// <summary>STS evaluation: Spearman/Pearson ×100 of cosine vs gold, alignment (null when no pair reaches 80% of the scale), uniformity.</summary>
public sealed record EvaluationResponse(string Model, int Pairs, double Spearman, double Pearson, double? Alignment, double Uniformity);

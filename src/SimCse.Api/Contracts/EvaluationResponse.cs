namespace SimCse.Api.Contracts;

/// <summary>
/// STS evaluation: Spearman/Pearson ×100 of cosine vs gold, alignment, uniformity. A metric that is undefined
/// on this file (e.g. correlations when every gold score is equal, alignment when no pair reaches 80% of the
/// scale) is null, and <see cref="UndefinedMetrics"/> says why, per metric name.
/// </summary>
public sealed record EvaluationResponse(
    string Model,
    int Pairs,
    double? Spearman,
    double? Pearson,
    double? Alignment,
    double? Uniformity,
    IReadOnlyDictionary<string, string>? UndefinedMetrics = null);

namespace SimCse.Client;

/// <summary>Cosine similarities in candidate (or pair) order, and the model that computed them.</summary>
public sealed record SimilarityResult(string Model, IReadOnlyList<double> Scores);

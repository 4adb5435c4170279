namespace SimCse.Modeling.Evaluation;

/// <summary>What <see cref="StsEvaluator"/> measures on one file.</summary>
/// <param name="Pairs">Pairs evaluated.</param>
/// <param name="Spearman">Spearman rank correlation of cosine vs gold, ×100.</param>
/// <param name="Pearson">Pearson correlation of cosine vs gold, ×100.</param>
/// <param name="Alignment">Mean squared distance of normalised positive pairs (lower is better); NaN without positives.</param>
/// <param name="Uniformity">log E[exp(−2‖x−y‖²)] over sentence pairs (lower is more uniform).</param>
public sealed record StsEvaluation(int Pairs, double Spearman, double Pearson, double Alignment, double Uniformity);

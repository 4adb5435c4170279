using SimCse.Modeling.Evaluation;

namespace SimCse.Modeling.Tests.Reference;

/// <summary>SimCSE's STS protocol: cosine of the two sentence vectors against the gold score, Spearman x100.</summary>
public static class StsEvaluation
{
    /// <param name="gold">Gold score per pair.</param>
    /// <param name="vectors">Vectors laid out as first sentences 0..n-1, then second sentences n..2n-1.</param>
    public static double SpearmanTimes100(IReadOnlyList<double> gold, IReadOnlyList<float[]> vectors)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(vectors);
        int pairs = gold.Count;
        if (vectors.Count != 2 * pairs)
        {
            throw new ArgumentException($"Expected {2 * pairs} vectors for {pairs} pairs, got {vectors.Count}.");
        }
        double[] cosines = Enumerable.Range(0, pairs).Select(i => Cosine.Of(vectors[i], vectors[pairs + i])).ToArray();
        return 100 * Correlation.Spearman(cosines, gold);
    }
}

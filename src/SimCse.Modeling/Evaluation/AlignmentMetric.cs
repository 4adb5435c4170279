namespace SimCse.Modeling.Evaluation;

/// <summary>
/// Alignment (Wang &amp; Isola 2020, as reported by SimCSE): the mean squared Euclidean distance between the
/// L2-normalised vectors of positive pairs, E‖f(x) − f(x⁺)‖². Lower means paraphrases sit closer together.
/// </summary>
public static class AlignmentMetric
{
    /// <param name="pairs">Positive pairs of already L2-normalised vectors.</param>
    /// <returns>NaN when there are no pairs.</returns>
    public static double Compute(IReadOnlyList<(float[] First, float[] Second)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return pairs.Count == 0 ? double.NaN : pairs.Average(pair => VectorMath.SquaredDistance(pair.First, pair.Second));
    }
}

namespace SimCse.Modeling.Evaluation;

/// <summary>
/// Uniformity (Wang &amp; Isola 2020, as reported by SimCSE): log E[exp(−2‖f(x) − f(y)‖²)] over all pairs of
/// distinct L2-normalised sentence vectors. Lower (more negative) means the vectors spread more evenly over
/// the sphere; a collapsed encoder scores 0.
/// </summary>
public static class UniformityMetric
{
    private const double T = 2.0;

    /// <param name="vectors">L2-normalised sentence vectors (each sentence once).</param>
    public static double Compute(IReadOnlyList<float[]> vectors)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        if (vectors.Count < 2)
        {
            return double.NaN;
        }
        // log-mean-exp with the largest term factored out, so tiny exponentials do not underflow.
        var exponents = new List<double>(vectors.Count * (vectors.Count - 1) / 2);
        for (int i = 0; i < vectors.Count; i++)
        {
            for (int j = i + 1; j < vectors.Count; j++)
            {
                exponents.Add(-T * VectorMath.SquaredDistance(vectors[i], vectors[j]));
            }
        }
        double max = exponents.Max();
        return max + Math.Log(exponents.Average(exponent => Math.Exp(exponent - max)));
    }
}

using SimCse.Modeling.Data;

namespace SimCse.Modeling.Evaluation;

/// <summary>
/// SimCSE's STS protocol on one file: cosine similarity of each pair vs the gold score, as Spearman and
/// Pearson ×100 over all pairs (the "all" aggregation); plus alignment over positive pairs (gold ≥ 80% of
/// the scale maximum: 4.0 on STS-B's and SICK-R's 0/1–5 scales) and uniformity over every sentence of the file.
/// </summary>
public sealed class StsEvaluator
{
    /// <summary>STS-B and SICK-R both score up to 5.</summary>
    public const double DefaultScaleMaximum = 5.0;

    private const double PositiveFraction = 0.8;

    // Uniformity is quadratic in sentences; a fixed, evenly spread sample keeps it cheap and deterministic.
    private const int MaxUniformitySentences = 2000;

    public StsEvaluator(IReadOnlyList<StsPair> pairs, double scaleMaximum = DefaultScaleMaximum)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count < 2)
        {
            throw new ArgumentException("An STS evaluation needs at least 2 pairs.", nameof(pairs));
        }
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scaleMaximum);
        Pairs = pairs;
        ScaleMaximum = scaleMaximum;
        Sentences = pairs.SelectMany(pair => new[] { pair.Sentence1, pair.Sentence2 }).Distinct(StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<StsPair> Pairs { get; }

    public double ScaleMaximum { get; }

    /// <summary>Every distinct sentence of the file: what <see cref="Evaluate"/> asks the encoder for.</summary>
    public IReadOnlyList<string> Sentences { get; }

    /// <param name="embed">Vectors for texts (normalised or not), in input order.</param>
    public StsEvaluation Evaluate(Func<IReadOnlyList<string>, float[][]> embed)
    {
        ArgumentNullException.ThrowIfNull(embed);
        Dictionary<string, float[]> vectors = NormalizedBySentence(embed(Sentences));
        double[] cosines = Cosines(vectors);
        double[] gold = Pairs.Select(pair => pair.Score).ToArray();
        var positives = Pairs.Where(pair => pair.Score >= PositiveFraction * ScaleMaximum)
            .Select(pair => (vectors[pair.Sentence1], vectors[pair.Sentence2]))
            .ToList();
        int stride = Math.Max(1, (Sentences.Count + MaxUniformitySentences - 1) / MaxUniformitySentences);
        var sample = Sentences.Where((_, index) => index % stride == 0).Select(sentence => vectors[sentence]).ToList();

        return new StsEvaluation(
            Pairs.Count,
            Correlation.Spearman(cosines, gold) * 100,
            Correlation.Pearson(cosines, gold) * 100,
            AlignmentMetric.Compute(positives),
            UniformityMetric.Compute(sample));
    }

    /// <summary>Spearman ×100 alone (no alignment or uniformity, which cost far more), for vectors already computed.</summary>
    /// <param name="vectors">Vectors of <see cref="Sentences"/> (normalised or not), in that order.</param>
    public double Spearman(float[][] vectors)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        return Correlation.Spearman(Cosines(NormalizedBySentence(vectors)), [.. Pairs.Select(pair => pair.Score)]) * 100;
    }

    private Dictionary<string, float[]> NormalizedBySentence(float[][] raw)
    {
        if (raw.Length != Sentences.Count)
        {
            throw new ArgumentException($"Expected {Sentences.Count} vectors, one per sentence; got {raw.Length}.", nameof(raw));
        }
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        for (int i = 0; i < Sentences.Count; i++)
        {
            vectors[Sentences[i]] = VectorMath.Normalized(raw[i]);
        }
        return vectors;
    }

    private double[] Cosines(Dictionary<string, float[]> vectors) =>
        [.. Pairs.Select(pair => VectorMath.Dot(vectors[pair.Sentence1], vectors[pair.Sentence2]))];
}

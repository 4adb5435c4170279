using SimCse.Modeling.Data;
using SimCse.Modeling.Evaluation;

namespace SimCse.Modeling.Tests.Evaluation;

public class StsEvaluatorTests
{
    [Fact]
    public void Known_spearman_pearson_alignment_on_a_hand_made_set()
    {
        // Second sentences at cosines 0.9, 0.5, 0.1, -0.3 from (1, 0); gold 5, 3, 4, 0.
        // Ranks: cosine 4 3 2 1, gold 4 2 3 1 → Spearman = 1 − 6·2 / (4·15) = 0.8.
        double[] cosines = [0.9, 0.5, 0.1, -0.3];
        double[] gold = [5, 3, 4, 0];
        var vectors = new Dictionary<string, float[]>();
        var pairs = new List<StsPair>();
        for (int i = 0; i < 4; i++)
        {
            vectors[$"a{i}"] = [2, 0];
            vectors[$"b{i}"] = [(float)cosines[i], (float)Math.Sqrt(1 - (cosines[i] * cosines[i]))];
            pairs.Add(new StsPair($"a{i}", $"b{i}", gold[i]));
        }

        StsEvaluation result = new StsEvaluator(pairs).Evaluate(texts => texts.Select(text => vectors[text]).ToArray());

        Assert.Equal(4, result.Pairs);
        Assert.Equal(80.0, result.Spearman, 4);
        Assert.Equal(Correlation.Pearson(cosines, gold) * 100, result.Pearson, 4);
        // Positives: gold ≥ 4 (80% of 5): pairs 0 and 2, squared distances 2 − 2·0.9 and 2 − 2·0.1.
        Assert.Equal(1.0, result.Alignment, 5);
        Assert.True(result.Uniformity < 0);
    }

    [Fact]
    public void Spearman_uses_average_ranks_for_ties()
    {
        Assert.Equal([1.5, 1.5, 3.0, 4.0], Correlation.Ranks([2.0, 2.0, 5.0, 7.0]));
        Assert.Equal(1.0, Correlation.Spearman([1.0, 2.0, 3.0], [10.0, 20.0, 300.0]), 10);
        Assert.Equal(-1.0, Correlation.Pearson([1.0, 2.0, 3.0], [3.0, 2.0, 1.0]), 10);
    }

    [Fact]
    public void Uniformity_and_alignment_of_simple_configurations()
    {
        // Two antipodal points: squared distance 4, uniformity log(exp(−8)) = −8.
        Assert.Equal(-8.0, UniformityMetric.Compute([[1f, 0f], [-1f, 0f]]), 6);
        // A collapsed encoder: every distance 0, uniformity 0 (the worst value).
        Assert.Equal(0.0, UniformityMetric.Compute([[1f, 0f], [1f, 0f], [1f, 0f]]), 6);
        Assert.Equal(0.0, AlignmentMetric.Compute([([0f, 1f], [0f, 1f])]), 6);
        Assert.True(double.IsNaN(AlignmentMetric.Compute([])));
    }
}

using System.Globalization;
using System.Text.Json.Nodes;

namespace SimCse.Modeling.Evaluation;

/// <summary>
/// STS Spearman of the first <c>d</c> dimensions of each vector (re-normalised, as <c>/v1/embeddings</c> with
/// <c>dimensions</c> serves them), from vectors already computed for the full-size evaluation.
/// </summary>
public static class PrefixEvaluation
{
    /// <param name="evaluator">The evaluator the vectors were computed for.</param>
    /// <param name="vectors">Full-size vectors of <see cref="StsEvaluator.Sentences"/>, in that order.</param>
    /// <param name="dimensions">Prefix sizes; sizes at or above the vectors' width score the full vectors.</param>
    /// <returns>Spearman ×100 per prefix size, in the order given.</returns>
    public static IReadOnlyList<(int Dimensions, double Spearman)> Spearman(StsEvaluator evaluator, float[][] vectors, IEnumerable<int> dimensions)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(dimensions);
        return dimensions
            .Select(size => (size, evaluator.Spearman([.. vectors.Select(vector => vector[..Math.Min(size, vector.Length)])])))
            .ToList();
    }

    /// <summary>The scores as <c>{"384": 84.9, "128": 83.9}</c>, the <c>valid_spearman_by_dimensions</c> of checkpoints and job events.</summary>
    public static JsonObject ToJson(IEnumerable<(int Dimensions, double Spearman)> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var json = new JsonObject();
        foreach ((int dimensions, double spearman) in scores)
        {
            json[dimensions.ToString(CultureInfo.InvariantCulture)] = spearman;
        }
        return json;
    }
}

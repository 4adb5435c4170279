using SimCse.Api.Contracts;
using SimCse.Modeling.Data;
using SimCse.Modeling.Evaluation;

namespace SimCse.Api.Evaluations;

/// <summary>
/// Turns an evaluation whose metrics may be NaN (undefined on this data) into a response with nulls and a reason
/// per undefined metric: JSON has no NaN, and a bare null would not tell the user what to change in the file.
/// </summary>
public static class UndefinedMetrics
{
    public static EvaluationResponse Describe(string model, StsEvaluation evaluation, IReadOnlyList<StsPair> pairs, double scaleMaximum)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(pairs);
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        string correlationReason = pairs.Select(pair => pair.Score).Distinct().Count() < 2
            ? "the gold scores are all equal, so a correlation is undefined; the file needs at least two different scores"
            : "the model gives every pair the same similarity, so a correlation is undefined";
        double? spearman = Defined(evaluation.Spearman, "spearman", correlationReason, reasons);
        double? pearson = Defined(evaluation.Pearson, "pearson", correlationReason, reasons);
        double? alignment = Defined(evaluation.Alignment, "alignment",
            $"no pair has a gold score of at least 80% of the scale maximum ({0.8 * scaleMaximum:0.##})", reasons);
        double? uniformity = Defined(evaluation.Uniformity, "uniformity", "the file has fewer than two distinct sentences", reasons);
        return new EvaluationResponse(model, evaluation.Pairs, spearman, pearson, alignment, uniformity, reasons.Count > 0 ? reasons : null);
    }

    private static double? Defined(double value, string name, string reason, Dictionary<string, string> reasons)
    {
        if (double.IsFinite(value))
        {
            return value;
        }
        reasons[name] = reason;
        return null;
    }
}

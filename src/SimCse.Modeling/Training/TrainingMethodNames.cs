namespace SimCse.Modeling.Training;

/// <summary>The API's names of <see cref="TrainingMethod"/> values (<c>method.type</c>).</summary>
public static class TrainingMethodNames
{
    public const string Unsupervised = "unsupervised";

    public const string Supervised = "supervised";

    public const string ScoredPairs = "scored_pairs";

    public static string Of(TrainingMethod method) => method switch
    {
        TrainingMethod.Unsupervised => Unsupervised,
        TrainingMethod.ScoredPairs => ScoredPairs,
        _ => Supervised,
    };

    public static bool TryParse(string? name, out TrainingMethod method)
    {
        (bool known, method) = name switch
        {
            Unsupervised => (true, TrainingMethod.Unsupervised),
            Supervised => (true, TrainingMethod.Supervised),
            ScoredPairs => (true, TrainingMethod.ScoredPairs),
            _ => (false, TrainingMethod.Unsupervised),
        };
        return known;
    }
}

namespace SimCse.Modeling.Training;

/// <summary>
/// The default recipe of each method: what a job given only a model and files gets. The evidence for each
/// value is in bench/results/training-defaults-search.md (chosen on STS-B dev and SICK-R dev together).
/// </summary>
public static class TrainingRecipes
{
    /// <summary>The SimCSE paper's unsupervised recipe (batch 64, 3e-5, one pass); not re-searched here.</summary>
    public static TrainingRecipe Unsupervised { get; } = new(BatchSize: 64, LearningRate: 3e-5, Epochs: 1, EvalSteps: 125, SymmetricLoss: false);

    /// <summary>Supervised triplets/pairs: see the defaults search.</summary>
    public static TrainingRecipe Supervised { get; } = new(BatchSize: 64, LearningRate: 1e-4, Epochs: 2, EvalSteps: 50, SymmetricLoss: true);

    /// <summary>Scored pairs with CoSENT: sentence-transformers' STS recipe (small batches, low rate), two passes.</summary>
    public static TrainingRecipe ScoredPairs { get; } = new(BatchSize: 32, LearningRate: 2e-5, Epochs: 2, EvalSteps: 100, SymmetricLoss: false);

    public static TrainingRecipe For(TrainingMethod method) => method switch
    {
        TrainingMethod.Supervised => Supervised,
        TrainingMethod.ScoredPairs => ScoredPairs,
        _ => Unsupervised,
    };
}

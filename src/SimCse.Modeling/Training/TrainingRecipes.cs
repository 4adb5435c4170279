namespace SimCse.Modeling.Training;

/// <summary>
/// The default recipe of each method: what a job given only a model and files gets. The evidence for each
/// value is in bench/results/training-defaults-search.md (chosen on STS-B dev and SICK-R dev together).
/// </summary>
public static class TrainingRecipes
{
    /// <summary>The SimCSE paper's unsupervised recipe (batch 64, 3e-5, one pass); not re-searched here.</summary>
    public static TrainingRecipe Unsupervised { get; } = new(BatchSize: 64, LearningRate: 3e-5, Epochs: 1, EvalSteps: 125, SymmetricLoss: false);

    /// <summary>
    /// Supervised triplets/pairs: see the defaults search. A Matryoshka job gets 4 passes: with sizes 384/256/128/64
    /// (unweighted, prefix distillation on) 2 passes gave STS-B dev 84.57 at 384 and 83.46 at 128 (SICK-R 76.69), 4 passes
    /// 84.88 / 83.92 (SICK-R 77.90), the 128-d gap 1.11 → 0.96 (bench/results/training-matryoshka-distill-default*.md).
    /// </summary>
    public static TrainingRecipe Supervised { get; } = new(BatchSize: 64, LearningRate: 1e-4, Epochs: 2, EvalSteps: 50, SymmetricLoss: true, MatryoshkaEpochs: 4);

    /// <summary>Scored pairs with CoSENT: sentence-transformers' STS recipe (small batches, low rate), two passes.</summary>
    public static TrainingRecipe ScoredPairs { get; } = new(BatchSize: 32, LearningRate: 2e-5, Epochs: 2, EvalSteps: 100, SymmetricLoss: false);

    public static TrainingRecipe For(TrainingMethod method) => method switch
    {
        TrainingMethod.Supervised => Supervised,
        TrainingMethod.ScoredPairs => ScoredPairs,
        _ => Unsupervised,
    };
}

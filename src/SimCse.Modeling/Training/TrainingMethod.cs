namespace SimCse.Modeling.Training;

/// <summary>The two SimCSE recipes and graded-similarity regression.</summary>
public enum TrainingMethod
{
    /// <summary>Each sentence encoded twice with different dropout; the other sentences are negatives.</summary>
    Unsupervised,

    /// <summary>(anchor, positive, hard negative) triplets, e.g. NLI entailment / contradiction.</summary>
    Supervised,

    /// <summary>Pairs with a graded similarity score (STS-style), trained with CoSENT.</summary>
    ScoredPairs,
}

namespace SimCse.Modeling.Training;

/// <summary>The two SimCSE recipes.</summary>
public enum TrainingMethod
{
    /// <summary>Each sentence encoded twice with different dropout; the other sentences are negatives.</summary>
    Unsupervised,

    /// <summary>(anchor, positive, hard negative) triplets, e.g. NLI entailment / contradiction.</summary>
    Supervised,
}

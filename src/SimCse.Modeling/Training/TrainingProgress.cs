using SimCse.Modeling.Evaluation;

namespace SimCse.Modeling.Training;

/// <summary>Reported after every optimizer step (and with <see cref="Evaluation"/> after each evaluation).</summary>
/// <param name="Step">Steps done (1-based).</param>
/// <param name="TotalSteps">Steps planned.</param>
/// <param name="Epoch">0-based epoch of this step.</param>
/// <param name="Loss">This step's training loss.</param>
/// <param name="LearningRate">The learning rate this step used.</param>
/// <param name="SentencesPerSecond">Sentences encoded per second of training (all views), averaged since the start.</param>
/// <param name="Eta">Estimated time to finish at the average rate so far.</param>
/// <param name="Evaluation">Validation metrics when this step was evaluated, else null.</param>
/// <param name="Checkpoint">The checkpoint this step saved, else null.</param>
public sealed record TrainingProgress(
    int Step,
    int TotalSteps,
    int Epoch,
    double Loss,
    double LearningRate,
    double SentencesPerSecond,
    TimeSpan Eta,
    StsEvaluation? Evaluation,
    TrainingCheckpoint? Checkpoint)
{
    /// <summary>For a Matryoshka job's evaluated step: validation Spearman of each listed prefix size; else null.</summary>
    public IReadOnlyList<(int Dimensions, double Spearman)>? PrefixSpearman { get; init; }
}

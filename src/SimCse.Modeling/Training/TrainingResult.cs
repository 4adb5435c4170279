namespace SimCse.Modeling.Training;

/// <summary>The outcome of <see cref="SimCseTrainer.Train"/>.</summary>
/// <param name="Status">Succeeded or cancelled.</param>
/// <param name="Steps">Optimizer steps done.</param>
/// <param name="Best">Best checkpoint by validation Spearman (the last one when there is no validation set).</param>
/// <param name="Last">The last checkpoint (to resume from).</param>
/// <param name="Losses">The training loss of every step, in order.</param>
/// <param name="Elapsed">Wall time of the run.</param>
public sealed record TrainingResult(
    TrainingStatus Status,
    int Steps,
    TrainingCheckpoint? Best,
    TrainingCheckpoint? Last,
    IReadOnlyList<double> Losses,
    TimeSpan Elapsed)
{
    /// <summary>What <c>mine_hard_negatives</c> did, when it ran.</summary>
    public HardNegativeMining? HardNegatives { get; init; }
}

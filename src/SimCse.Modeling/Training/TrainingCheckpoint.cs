using SimCse.Modeling.Evaluation;

namespace SimCse.Modeling.Training;

/// <summary>A saved checkpoint: an HF folder loadable with <c>ModelLoader.LoadFolder</c>.</summary>
/// <param name="ModelId">ft:&lt;base&gt;:&lt;job-id&gt;:step-&lt;n&gt;.</param>
/// <param name="Folder">Absolute folder path.</param>
/// <param name="Step">Optimizer steps done when saved.</param>
/// <param name="TrainLoss">Mean training loss since the previous checkpoint.</param>
/// <param name="Evaluation">Validation metrics at that step, if a validation set was given.</param>
public sealed record TrainingCheckpoint(string ModelId, string Folder, int Step, double TrainLoss, StsEvaluation? Evaluation)
{
    /// <summary>The registered model id of a job's checkpoint at <paramref name="step"/> (the one naming rule).</summary>
    public static string ModelIdFor(string baseModelId, string jobId, int step) => $"ft:{baseModelId}:{jobId}:step-{step}";
}

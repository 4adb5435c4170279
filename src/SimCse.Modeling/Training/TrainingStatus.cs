namespace SimCse.Modeling.Training;

/// <summary>How a training run ended.</summary>
public enum TrainingStatus
{
    Succeeded,

    /// <summary>The cancellation token fired between steps; checkpoints saved so far are kept.</summary>
    Cancelled,
}

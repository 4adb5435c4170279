namespace SimCse.Api.Contracts;

/// <summary>OpenAI <c>fine_tuning.job.checkpoint</c>; <c>fine_tuned_model_checkpoint</c> is an activatable model id.</summary>
public sealed record JobCheckpointObject(string Id, long CreatedAt, string FineTunedModelCheckpoint, int StepNumber, CheckpointMetrics Metrics, string FineTuningJobId)
{
    public string Object => "fine_tuning.job.checkpoint";
}

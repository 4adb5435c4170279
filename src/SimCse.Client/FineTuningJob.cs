namespace SimCse.Client;

/// <summary>A <c>fine_tuning.job</c>: its status, progress and, once it has one, its best checkpoint's model id.</summary>
public sealed record FineTuningJob(
    string Id,
    string Model,
    string Status,
    long CreatedAt,
    long? FinishedAt,
    string? FineTunedModel,
    FineTuningJobError? Error,
    string TrainingFile,
    string? ValidationFile,
    FineTuningJobProgress? Progress)
{
    /// <summary>Succeeded, failed or cancelled: the status will not change again.</summary>
    public bool IsFinished => Status is "succeeded" or "failed" or "cancelled";
}

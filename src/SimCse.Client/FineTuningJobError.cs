namespace SimCse.Client;

/// <summary>Why a job failed (<c>interrupted</c>, <c>invalid_file</c>, <c>model_load_failed</c>, <c>training_failed</c>).</summary>
public sealed record FineTuningJobError(string Code, string Message);

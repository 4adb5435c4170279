namespace SimCse.Api.Jobs;

/// <summary>A fine-tuning job's state; <see cref="JobTransitions"/> says which moves are legal, <see cref="JobStatuses"/> names them on the wire.</summary>
public enum JobStatus
{
    ValidatingFiles,
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}

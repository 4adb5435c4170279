namespace SimCse.Api.Jobs;

/// <summary>The <c>fine_tuning.job</c> status names (as stored and as returned) of each <see cref="JobStatus"/>.</summary>
public static class JobStatuses
{
    public const string ValidatingFiles = "validating_files";
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    /// <summary>Not finished yet.</summary>
    public static readonly string[] Active = [ValidatingFiles, Queued, Running];

    /// <summary>Finished: no transition leaves these.</summary>
    public static readonly string[] Finished = [Succeeded, Failed, Cancelled];

    public static bool IsFinished(string status) => Finished.Contains(status);

    public static string Name(JobStatus status) => status switch
    {
        JobStatus.ValidatingFiles => ValidatingFiles,
        JobStatus.Queued => Queued,
        JobStatus.Running => Running,
        JobStatus.Succeeded => Succeeded,
        JobStatus.Failed => Failed,
        JobStatus.Cancelled => Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static JobStatus Parse(string name) => name switch
    {
        ValidatingFiles => JobStatus.ValidatingFiles,
        Queued => JobStatus.Queued,
        Running => JobStatus.Running,
        Succeeded => JobStatus.Succeeded,
        Failed => JobStatus.Failed,
        Cancelled => JobStatus.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown job status."),
    };
}

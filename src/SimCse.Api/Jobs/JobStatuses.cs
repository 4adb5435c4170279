namespace SimCse.Api.Jobs;

/// <summary>The <c>fine_tuning.job</c> statuses.</summary>
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

    public static bool IsFinished(string status) => status is Succeeded or Failed or Cancelled;
}

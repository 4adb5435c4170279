namespace SimCse.Api.Jobs;

/// <summary>
/// The one table of legal job moves. Every write in <see cref="JobStore"/> names the state it expects and the state
/// it sets, and is checked here before it becomes an <c>UPDATE … WHERE status = expected</c>.
/// </summary>
public static class JobTransitions
{
    private static readonly Dictionary<JobStatus, JobStatus[]> Allowed = new()
    {
        // Files validated, refused (the row is deleted, not moved), cancelled while validating, or its creator died.
        [JobStatus.ValidatingFiles] = [JobStatus.Queued, JobStatus.Cancelled, JobStatus.Failed],
        // Taken by a replica, or cancelled before it started.
        [JobStatus.Queued] = [JobStatus.Running, JobStatus.Cancelled],
        // The trainer's outcomes, or its replica's lease expired (failed, interrupted).
        [JobStatus.Running] = [JobStatus.Succeeded, JobStatus.Failed, JobStatus.Cancelled],
        [JobStatus.Succeeded] = [],
        [JobStatus.Failed] = [],
        [JobStatus.Cancelled] = [],
    };

    public static bool IsAllowed(JobStatus from, JobStatus to) => Allowed[from].Contains(to);

    public static bool IsFinished(JobStatus status) => Allowed[status].Length == 0;

    /// <summary>Throws for a move the table does not allow: a bug in the caller, never a client error.</summary>
    public static void Require(JobStatus from, JobStatus to)
    {
        if (!IsAllowed(from, to))
        {
            throw new InvalidOperationException($"A job cannot move from {JobStatuses.Name(from)} to {JobStatuses.Name(to)}.");
        }
    }
}

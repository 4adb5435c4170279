using SimCse.Api.Jobs;

namespace SimCse.Api.Tests.Jobs;

/// <summary>The one transition table: finished states are terminal, and every write's move is legal.</summary>
public sealed class JobTransitionsTests
{
    [Theory]
    [InlineData(JobStatus.Succeeded)]
    [InlineData(JobStatus.Failed)]
    [InlineData(JobStatus.Cancelled)]
    public void AFinishedJobCannotMoveAnywhere(JobStatus finished)
    {
        Assert.True(JobTransitions.IsFinished(finished));
        foreach (JobStatus to in Enum.GetValues<JobStatus>())
        {
            Assert.False(JobTransitions.IsAllowed(finished, to));
        }
    }

    [Fact]
    public void AQueuedJobCannotSucceedWithoutRunning()
    {
        Assert.False(JobTransitions.IsAllowed(JobStatus.Queued, JobStatus.Succeeded));
        Assert.Throws<InvalidOperationException>(() => JobTransitions.Require(JobStatus.Queued, JobStatus.Succeeded));
        Assert.True(JobTransitions.IsAllowed(JobStatus.Queued, JobStatus.Running));
        Assert.True(JobTransitions.IsAllowed(JobStatus.Running, JobStatus.Failed));
    }

    [Fact]
    public void EveryStatusHasAWireNameThatParsesBack()
    {
        foreach (JobStatus status in Enum.GetValues<JobStatus>())
        {
            Assert.Equal(status, JobStatuses.Parse(JobStatuses.Name(status)));
        }
    }
}

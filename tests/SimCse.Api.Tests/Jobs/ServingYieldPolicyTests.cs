using SimCse.Api.Jobs;

namespace SimCse.Api.Tests.Jobs;

/// <summary>The serving-yield policy on its own: it waits only while serving has queued inputs, never longer than its limit.</summary>
public sealed class ServingYieldPolicyTests
{
    [Fact]
    public void AnEmptyQueueCostsTrainingNoWait()
    {
        var time = new SteppingTime();
        int polls = 0;
        var policy = new ServingYieldPolicy(() => polls++ * 0, TimeSpan.FromSeconds(2), time);
        // Less than one slice: it looked once and did not wait.
        Assert.True(policy.WaitBetweenSteps(CancellationToken.None) < ServingYieldPolicy.Slice);
        Assert.Equal(1, polls);
    }

    [Fact]
    public void ABusyQueueHoldsTrainingUntilItDrains()
    {
        var time = new SteppingTime();
        int polls = 0;
        // Busy for the first three looks, then drained.
        var policy = new ServingYieldPolicy(() => ++polls <= 3 ? 5 : 0, TimeSpan.FromSeconds(2), time);
        policy.WaitBetweenSteps(CancellationToken.None);
        Assert.Equal(4, polls);
    }

    [Fact]
    public void AQueueThatNeverDrainsIsWaitedForAtMostTheLimit()
    {
        var time = new SteppingTime();
        var policy = new ServingYieldPolicy(() => 1, TimeSpan.FromMilliseconds(100), time);
        TimeSpan waited = policy.WaitBetweenSteps(CancellationToken.None);
        Assert.True(waited >= TimeSpan.FromMilliseconds(100), $"waited {waited}");
        Assert.True(waited < TimeSpan.FromMilliseconds(100) + ServingYieldPolicy.Slice + ServingYieldPolicy.Slice, $"waited {waited}");
    }

    [Fact]
    public void ZeroDisablesThePolicy()
    {
        var time = new SteppingTime();
        var policy = new ServingYieldPolicy(() => 100, TimeSpan.Zero, time);
        Assert.Equal(TimeSpan.Zero, policy.WaitBetweenSteps(CancellationToken.None));
    }

    /// <summary>A clock that advances one slice each time it is read, so the test does not depend on real time.</summary>
    private sealed class SteppingTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp()
        {
            long now = _ticks;
            _ticks += ServingYieldPolicy.Slice.Ticks / 2;
            return now;
        }
    }
}

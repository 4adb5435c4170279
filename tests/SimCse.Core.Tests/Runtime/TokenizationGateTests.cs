using SimCse.Core.Batching;
using SimCse.Core.Runtime;
using SimCse.Core.Tests.Fakes;

namespace SimCse.Core.Tests.Runtime;

public class TokenizationGateTests
{
    private static TokenizationGate Gate(int slots) =>
        new(new BatchingOptions { TokenizationGateChars = 100, MaxConcurrentTokenizations = slots });

    [Fact]
    public async Task Large_requests_wait_for_a_free_slot_and_small_ones_never_wait()
    {
        using var gate = Gate(slots: 1);
        var first = await gate.EnterAsync(1000, CancellationToken.None);

        var second = gate.EnterAsync(1000, CancellationToken.None).AsTask();
        var small = gate.EnterAsync(100, CancellationToken.None);

        Assert.True(small.IsCompletedSuccessfully, "a small request must not wait behind large ones");
        Assert.False(second.IsCompleted, "the only slot is taken");
        first.Dispose();
        using var entered = await second.Within();
    }

    [Fact]
    public async Task A_waiting_request_can_be_cancelled()
    {
        using var gate = Gate(slots: 1);
        using var held = await gate.EnterAsync(1000, CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = gate.EnterAsync(1000, cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.Within());
    }

    [Fact]
    public void Zero_concurrency_means_half_the_cpus_at_least_one()
    {
        Assert.Equal(Math.Max(1, Environment.ProcessorCount / 2), new BatchingOptions().EffectiveTokenizationConcurrency);
        Assert.Equal(3, new BatchingOptions { MaxConcurrentTokenizations = 3 }.EffectiveTokenizationConcurrency);
    }
}

using SimCse.Core.Batching;
using SimCse.Core.Runtime;
using SimCse.Core.Tests.Fakes;

namespace SimCse.Core.Tests.Runtime;

public class ForwardLanesTests
{
    [Fact]
    public async Task The_passes_of_one_batch_run_at_once_on_two_lanes_each_told_it_shares_the_cores()
    {
        var model = new FakeEmbeddingModel("m1");
        await using var runtime = Runtimes.Create(model, new BatchingOptions { ForwardLanes = 2, MaxPassRows = 2 });
        using var first = model.BlockNextForward();
        using var second = model.BlockNextForward();
        var inputs = Enumerable.Range(0, 4).Select(i => Inputs.OfLength(3, 10 * i)).ToArray();

        // One request, one queue batch, two passes of two rows.
        var embedding = runtime.EmbedAsync(inputs, null);

        // Both passes are inside the model at the same time: only possible when they run concurrently.
        await Task.WhenAll(first.Entered, second.Entered).Within();
        first.Release();
        second.Release();
        Runtimes.AssertVectors(inputs, await embedding.Within());
        Assert.Equal([2, 2], model.ConcurrencyHints);
        Assert.Equal(["simcse-model", "simcse-model-lane-1"], model.ThreadNames.Order());
    }

    [Fact]
    public async Task One_lane_runs_the_passes_one_after_another_on_the_model_thread_with_no_hint()
    {
        var model = new FakeEmbeddingModel("m1");
        await using var runtime = Runtimes.Create(model, new BatchingOptions { ForwardLanes = 1, MaxPassRows = 2 });
        var inputs = Enumerable.Range(0, 6).Select(i => Inputs.OfLength(3, 10 * i)).ToArray();

        Runtimes.AssertVectors(inputs, await runtime.EmbedAsync(inputs, null).Within());

        Assert.Equal([2, 2, 2], model.Batches.Select(batch => batch.Length));
        Assert.Empty(model.ConcurrencyHints);
        Assert.All(model.ThreadNames, name => Assert.Equal("simcse-model", name));
    }

    [Fact]
    public async Task A_failing_pass_on_one_lane_fails_only_its_callers()
    {
        var model = new FakeEmbeddingModel("m1");
        await using var runtime = Runtimes.Create(model, new BatchingOptions { ForwardLanes = 2, MaxPassRows = 1 });
        using var gate = model.BlockNextForward();
        var blocking = runtime.EmbedAsync([Inputs.OfLength(3, 1)], null);
        await gate.Entered.Within();

        // Queued behind the gate: one batch, one pass per request; the first of them to reach the model throws.
        model.ThrowOnNextForward(new InvalidOperationException("boom"));
        var requests = Enumerable.Range(0, 4).Select(i => runtime.EmbedAsync([Inputs.OfLength(3, 100 + i)], null)).ToArray();
        gate.Release();
        await blocking.Within();

        var outcomes = await Task.WhenAll(requests.Select(async request =>
        {
            try
            {
                await request.Within();
                return true;
            }
            catch (Exception ex) when (ex is not TimeoutException)
            {
                return false;
            }
        }));
        Assert.Equal(1, outcomes.Count(ok => !ok));
        Assert.True(runtime.IsModelThreadAlive);
        Runtimes.AssertVectors([Inputs.OfLength(3, 7)], await runtime.EmbedAsync([Inputs.OfLength(3, 7)], null).Within());
    }

    [Fact]
    public void Lanes_run_every_item_exactly_once_and_rethrow_a_body_failure_after_all_finish()
    {
        using var lanes = new ForwardLanes(2, "test");
        var counts = new int[50];
        lanes.Run(counts.Length, (index, concurrent) =>
        {
            Assert.Equal(2, concurrent);
            Interlocked.Increment(ref counts[index]);
        });
        Assert.All(counts, count => Assert.Equal(1, count));

        var ran = 0;
        var error = Assert.Throws<InvalidOperationException>(() => lanes.Run(10, (index, _) =>
        {
            Interlocked.Increment(ref ran);
            if (index == 3)
            {
                throw new InvalidOperationException("pass 3");
            }
        }));
        Assert.Equal("pass 3", error.Message);
        Assert.Equal(10, Volatile.Read(ref ran));

        var single = new List<int>();
        lanes.Run(1, (index, concurrent) => single.Add(concurrent));
        Assert.Equal([1], single);
    }
}

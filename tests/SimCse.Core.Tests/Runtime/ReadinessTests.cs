using SimCse.Core.Batching;
using SimCse.Core.Errors;
using SimCse.Core.Tests.Fakes;

namespace SimCse.Core.Tests.Runtime;

public class ReadinessTests
{
    [Fact]
    public async Task Concurrent_readiness_checks_share_one_probe_and_every_request_is_served()
    {
        var model = new FakeEmbeddingModel("m1");
        await using var runtime = Runtimes.Create(model);
        using var gate = model.BlockNextForward();
        var blocking = runtime.EmbedAsync([Inputs.Of(1)], null);
        await gate.Entered.Within();

        var checks = Enumerable.Range(0, 32).Select(_ => runtime.CheckReadinessAsync()).ToArray();
        var request = runtime.EmbedAsync([Inputs.Of(2)], null);
        gate.Release();

        await request.Within();
        await blocking.Within();
        var results = await Task.WhenAll(checks).Within();

        Assert.All(results, result => Assert.Equal("m1", result.ModelId));
        // The two requests and exactly one probe, whatever the flood.
        Assert.Equal(3, model.Batches.Count);
    }

    [Fact]
    public async Task A_recent_successful_batch_answers_readiness_without_a_forward_pass()
    {
        var model = new FakeEmbeddingModel("m1");
        await using var runtime = Runtimes.Create(model);
        await runtime.EmbedAsync([Inputs.Of(1)], null).Within();

        var result = await runtime.CheckReadinessAsync().Within();

        Assert.False(result.Probed);
        Assert.Single(model.Batches);
    }

    [Fact]
    public async Task After_a_failed_pass_readiness_runs_a_probe()
    {
        var model = new FakeEmbeddingModel("m1");
        await using var runtime = Runtimes.Create(model);
        await runtime.EmbedAsync([Inputs.Of(1)], null).Within();
        model.ThrowOnNextForward(new InvalidOperationException("broken"));
        await Assert.ThrowsAsync<ModelExecutionException>(() => runtime.EmbedAsync([Inputs.Of(2)], null).Within());

        var result = await runtime.CheckReadinessAsync().Within();

        Assert.True(result.Probed);
        Assert.Equal(3, model.Batches.Count);
    }

    [Fact]
    public async Task A_failing_probe_fails_readiness()
    {
        var model = new FakeEmbeddingModel("m1");
        await using var runtime = Runtimes.Create(model);
        model.ThrowOnNextForward(new InvalidOperationException("broken"));

        await Assert.ThrowsAsync<ModelExecutionException>(() => runtime.CheckReadinessAsync().Within());
        Assert.True((await runtime.CheckReadinessAsync().Within()).Probed);
    }

    [Fact]
    public async Task Readiness_without_a_model_is_not_ready()
    {
        await using var runtime = Runtimes.Create(null);

        await Assert.ThrowsAsync<ModelNotReadyException>(() => runtime.CheckReadinessAsync().Within());
    }

    [Fact]
    public async Task Commands_never_starve_batches()
    {
        var model = new FakeEmbeddingModel("m1");
        await using var runtime = Runtimes.Create(model);
        using var gate = model.BlockNextForward();
        var blocking = runtime.EmbedAsync([Inputs.Of(1)], null);
        await gate.Entered.Within();

        var commands = Enumerable.Range(0, 5).Select(_ => runtime.RunOnModelThreadAsync(_ => model.Batches.Count)).ToArray();
        var request = runtime.EmbedAsync([Inputs.Of(2)], null);
        gate.Release();
        await request.Within();
        await blocking.Within();
        var seen = await Task.WhenAll(commands).Within();

        // Commands and batches alternate: the request ran after the first command, before the rest.
        Assert.Equal([1, 2, 2, 2, 2], seen);
    }

    [Fact]
    public async Task The_command_queue_is_bounded()
    {
        var model = new FakeEmbeddingModel("m1");
        await using var runtime = Runtimes.Create(model, new BatchingOptions { MaxQueuedCommands = 2 });
        using var gate = model.BlockNextForward();
        var blocking = runtime.EmbedAsync([Inputs.Of(1)], null);
        await gate.Entered.Within();

        var first = runtime.RunOnModelThreadAsync(_ => 1);
        var second = runtime.RunOnModelThreadAsync(_ => 2);
        var error = await Assert.ThrowsAsync<OverloadedException>(() => runtime.RunOnModelThreadAsync(_ => 3));
        gate.Release();

        Assert.Equal(ErrorKind.Overloaded, error.Kind);
        int[] results = await Task.WhenAll(first, second).Within();
        Assert.Equal([1, 2], results);
        await blocking.Within();
    }

    [Fact]
    public async Task A_model_thread_that_died_is_reported_and_refuses_work()
    {
        var model = new FakeEmbeddingModel("m1");
        await using var runtime = Runtimes.Create(model);
        Assert.True(runtime.IsModelThreadAlive);
        var thread = await runtime.RunOnModelThreadAsync(_ => Thread.CurrentThread).Within();

        // Interrupted while waiting for work: an exception no batch or command catches.
        thread.Interrupt();
        Assert.True(thread.Join(TimeSpan.FromSeconds(60)));

        Assert.False(runtime.IsModelThreadAlive);
        await Assert.ThrowsAsync<ModelNotReadyException>(() => runtime.CheckReadinessAsync().Within());
        await Assert.ThrowsAsync<ModelNotReadyException>(() => runtime.EmbedAsync([Inputs.Of(1)], null).Within());
        Assert.Equal(1, model.DisposeCount);
    }
}

using SimCse.Core.Errors;
using SimCse.Core.Tests.Fakes;

namespace SimCse.Core.Tests.Runtime;

public class CommandTests
{
    [Fact]
    public async Task Commands_run_on_the_model_thread_with_the_active_model()
    {
        var model = new FakeEmbeddingModel("m1");
        await using var runtime = Runtimes.Create(model);

        var (threadName, modelId) = await runtime.RunOnModelThreadAsync(m => (Thread.CurrentThread.Name, m.Id)).Within();

        Assert.Equal("simcse-model", threadName);
        Assert.Equal("m1", modelId);
    }

    [Fact]
    public async Task Probe_runs_a_real_forward_pass_on_the_model_thread()
    {
        var model = new FakeEmbeddingModel("m1");
        await using var runtime = Runtimes.Create(model);

        var probe = await runtime.ProbeAsync().Within();

        Assert.Equal("m1", probe.ModelId);
        Assert.Equal(4, probe.Dimensions);
        var batch = Assert.Single(model.Batches);
        Assert.Single(batch);
        Assert.Equal(["simcse-model"], model.ThreadNames);
    }

    [Fact]
    public async Task Probe_fails_with_a_model_error_when_the_forward_throws_and_the_runtime_keeps_serving()
    {
        var model = new FakeEmbeddingModel("m1");
        await using var runtime = Runtimes.Create(model);
        model.ThrowOnNextForward(new InvalidOperationException("broken"));

        var error = await Assert.ThrowsAsync<ModelExecutionException>(() => runtime.ProbeAsync().Within());

        Assert.IsType<InvalidOperationException>(error.InnerException);
        await runtime.ProbeAsync().Within();
    }

    [Fact]
    public async Task Command_errors_reach_the_caller_unchanged()
    {
        await using var runtime = Runtimes.Create(new FakeEmbeddingModel("m1"));

        await Assert.ThrowsAsync<FormatException>(() => runtime.RunOnModelThreadAsync<int>(_ => throw new FormatException()).Within());
        Assert.Equal(1, await runtime.RunOnModelThreadAsync(_ => 1).Within());
    }

    [Fact]
    public async Task Commands_wait_for_the_batch_in_flight()
    {
        var model = new FakeEmbeddingModel("m1");
        await using var runtime = Runtimes.Create(model);
        using var gate = model.BlockNextForward();
        var running = runtime.EmbedAsync([Inputs.Of(1)], null);
        await gate.Entered.Within();

        var command = runtime.RunOnModelThreadAsync(_ => running.IsCompleted);
        gate.Release();

        // The batch's callers are completed before the model thread picks up the command.
        Assert.True(await command.Within());
    }

    [Fact]
    public async Task Dispose_finishes_the_batch_in_flight_fails_pending_work_and_disposes_models()
    {
        var model = new FakeEmbeddingModel("m1");
        var runtime = Runtimes.Create(model);
        using var gate = model.BlockNextForward();
        var inFlight = runtime.EmbedAsync([Inputs.Of(1)], null);
        await gate.Entered.Within();
        var pending = runtime.EmbedAsync([Inputs.Of(2)], null);

        var disposing = runtime.DisposeAsync().AsTask();
        gate.Release();
        await disposing.Within();

        Assert.Equal("m1", (await inFlight.Within()).ModelId);
        var error = await Assert.ThrowsAsync<ModelNotReadyException>(() => pending.Within());
        Assert.Equal(ErrorKind.NotReady, error.Kind);
        Assert.Single(model.Batches);
        Assert.Equal(1, model.DisposeCount);
        Assert.Empty(runtime.LoadedModelIds);
        await Assert.ThrowsAsync<ModelNotReadyException>(() => runtime.EmbedAsync([Inputs.Of(3)], null));
        await Assert.ThrowsAsync<ModelNotReadyException>(() => runtime.SwapAsync(new FakeEmbeddingModel("m2")));
    }
}

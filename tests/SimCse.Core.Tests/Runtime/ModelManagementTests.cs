using SimCse.Core.Batching;
using SimCse.Core.Errors;
using SimCse.Core.Tests.Fakes;

namespace SimCse.Core.Tests.Runtime;

public class ModelManagementTests
{
    [Fact]
    public async Task Swap_happens_between_batches_and_disposes_the_old_model_after_its_last_batch()
    {
        var oldModel = new FakeEmbeddingModel("old");
        var newModel = new FakeEmbeddingModel("new");
        await using var runtime = Runtimes.Create(oldModel);
        using var gate = oldModel.BlockNextForward();
        var inFlight = runtime.EmbedAsync([Inputs.Of(1)], null);
        await gate.Entered.Within();

        var queuedBeforeSwap = runtime.EmbedAsync([Inputs.Of(2)], null);
        var swap = runtime.SwapAsync(newModel);
        Assert.False(oldModel.IsDisposed);
        gate.Release();
        await swap.Within();
        var queuedAfterSwap = await runtime.EmbedAsync([Inputs.Of(3)], null).Within();

        Assert.Equal("old", (await inFlight.Within()).ModelId);
        Assert.Equal("new", (await queuedBeforeSwap.Within()).ModelId);
        Assert.Equal("new", queuedAfterSwap.ModelId);
        Assert.Single(oldModel.Batches);
        Assert.Equal(1, oldModel.DisposeCount);
        Assert.False(newModel.IsDisposed);
        Assert.Equal("new", runtime.ActiveModelId);
        Assert.Equal(["new"], runtime.LoadedModelIds);
    }

    [Fact]
    public async Task A_request_split_across_batches_finishes_on_one_model_before_a_swap()
    {
        var oldModel = new FakeEmbeddingModel("old");
        var newModel = new FakeEmbeddingModel("new");
        await using var runtime = Runtimes.Create(oldModel, new BatchingOptions { MaxBatchRequests = 2 });
        using var gate = oldModel.BlockNextForward();
        var inputs = Enumerable.Range(0, 6).Select(i => Inputs.OfLength(2, i * 10)).ToArray();
        var split = runtime.EmbedAsync(inputs, null);
        await gate.Entered.Within();

        var swap = runtime.SwapAsync(newModel);
        gate.Release();
        var result = await split.Within();
        await swap.Within();

        Assert.Equal("old", result.ModelId);
        Runtimes.AssertVectors(inputs, result);
        Assert.Equal(3, oldModel.Batches.Count);
        Assert.Empty(newModel.Batches);
    }

    [Fact]
    public async Task Requests_are_routed_by_model_id_and_a_batch_never_mixes_models()
    {
        var first = new FakeEmbeddingModel("v1");
        var second = new FakeEmbeddingModel("v2");
        await using var runtime = Runtimes.Create(first, new BatchingOptions { PreviousModelsToKeep = 1 });
        await runtime.SwapAsync(second).Within();
        using var gate = second.BlockNextForward();
        var blocker = runtime.EmbedAsync([Inputs.Of(1)], null);
        await gate.Entered.Within();

        var pinnedA = runtime.EmbedAsync([Inputs.Of(10)], "v1");
        var activeA = runtime.EmbedAsync([Inputs.Of(20)], null);
        var explicitActive = runtime.EmbedAsync([Inputs.Of(30)], "v2");
        var pinnedB = runtime.EmbedAsync([Inputs.Of(40)], "v1");
        gate.Release();

        Assert.Equal("v1", (await pinnedA.Within()).ModelId);
        Assert.Equal("v2", (await activeA.Within()).ModelId);
        Assert.Equal("v2", (await explicitActive.Within()).ModelId);
        Assert.Equal("v1", (await pinnedB.Within()).ModelId);
        await blocker.Within();
        Assert.Equal([[10], [40]], first.Batches.Select(b => b.Select(i => i.Ids[0])));
        Assert.Equal([[1], [20, 30]], second.Batches.Select(b => b.Select(i => i.Ids[0])));
        Assert.Equal(["v2", "v1"], runtime.LoadedModelIds);
        Assert.False(first.IsDisposed);
    }

    [Fact]
    public async Task An_unknown_model_id_fails_with_the_loaded_ids()
    {
        await using var runtime = Runtimes.Create(new FakeEmbeddingModel("v1"));

        var error = await Assert.ThrowsAsync<ModelNotFoundException>(() => runtime.EmbedAsync([Inputs.Of(1)], "nope"));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Equal("nope", error.ModelId);
        Assert.Equal(["v1"], error.LoadedModelIds);
        Assert.Contains("v1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Previous_models_beyond_the_limit_are_disposed()
    {
        var models = Enumerable.Range(1, 4).Select(i => new FakeEmbeddingModel($"v{i}")).ToArray();
        await using var runtime = Runtimes.Create(models[0], new BatchingOptions { PreviousModelsToKeep = 2 });

        foreach (var model in models.Skip(1))
        {
            await runtime.SwapAsync(model).Within();
        }

        Assert.Equal(["v4", "v3", "v2"], runtime.LoadedModelIds);
        Assert.True(models[0].IsDisposed);
        Assert.All(models.Skip(1), model => Assert.False(model.IsDisposed));
    }

    [Fact]
    public async Task A_previous_model_can_be_activated_again()
    {
        var first = new FakeEmbeddingModel("v1");
        await using var runtime = Runtimes.Create(first, new BatchingOptions { PreviousModelsToKeep = 1 });
        await runtime.SwapAsync(new FakeEmbeddingModel("v2")).Within();

        await runtime.ActivateAsync("v1").Within();

        Assert.Equal(["v1", "v2"], runtime.LoadedModelIds);
        Assert.Equal("v1", (await runtime.EmbedAsync([Inputs.Of(1)], null).Within()).ModelId);
        await Assert.ThrowsAsync<ModelNotFoundException>(() => runtime.ActivateAsync("v9").Within());
        Assert.False(first.IsDisposed);
    }

    [Fact]
    public async Task Without_a_model_requests_are_not_ready_until_one_is_swapped_in()
    {
        await using var runtime = Runtimes.Create(null);

        var error = await Assert.ThrowsAsync<ModelNotReadyException>(() => runtime.EmbedAsync([Inputs.Of(1)], null));
        await Assert.ThrowsAsync<ModelNotReadyException>(() => runtime.ProbeAsync().Within());
        await runtime.SwapAsync(new FakeEmbeddingModel("v1")).Within();

        Assert.Equal(ErrorKind.NotReady, error.Kind);
        Assert.Null(await Record.ExceptionAsync(() => runtime.ProbeAsync().Within()));
        Assert.Equal("v1", (await runtime.EmbedAsync([Inputs.Of(1)], null).Within()).ModelId);
    }
}

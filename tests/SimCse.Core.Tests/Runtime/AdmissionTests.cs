using SimCse.Core.Batching;
using SimCse.Core.Diagnostics;
using SimCse.Core.Errors;
using SimCse.Core.Tests.Fakes;

namespace SimCse.Core.Tests.Runtime;

public class AdmissionTests
{
    private static BatchingOptions FourPermits() => new() { MaxConcurrentRequests = 4, MaxClientBatchSize = 4 };

    [Fact]
    public async Task Permits_count_inputs_and_exhaustion_fails_immediately_with_a_retry_hint()
    {
        var model = new FakeEmbeddingModel("m1");
        await using var runtime = Runtimes.Create(model, FourPermits());
        using var gate = model.BlockNextForward();
        var running = runtime.EmbedAsync([Inputs.Of(1), Inputs.Of(2), Inputs.Of(3)], null);
        await gate.Entered.Within();

        // 3 of 4 permits are held by one request; 2 more inputs do not fit, 1 does.
        var refused = runtime.EmbedAsync([Inputs.Of(4), Inputs.Of(5)], null);
        Assert.True(refused.IsFaulted, "admission must refuse at once, not wait for permits");
        var error = await Assert.ThrowsAsync<OverloadedException>(() => refused);
        var fits = runtime.EmbedAsync([Inputs.Of(6)], null);

        Assert.Equal(ErrorKind.Overloaded, error.Kind);
        Assert.Equal(2, error.RequestedInputs);
        Assert.Equal(1, error.AvailableInputs);
        Assert.True(error.RetryAfter >= TimeSpan.FromSeconds(1));
        gate.Release();
        await running.Within();
        await fits.Within();
    }

    [Fact]
    public async Task Permits_are_released_after_completion()
    {
        var model = new FakeEmbeddingModel("m1");
        await using var runtime = Runtimes.Create(model, FourPermits());

        for (var round = 0; round < 3; round++)
        {
            await runtime.EmbedAsync([Inputs.Of(1), Inputs.Of(2), Inputs.Of(3), Inputs.Of(4)], null).Within();
        }

        Assert.Equal(3, model.Batches.Count);
    }

    [Fact]
    public async Task Permits_are_released_after_a_failed_batch()
    {
        var model = new FakeEmbeddingModel("m1");
        await using var runtime = Runtimes.Create(model, FourPermits());
        model.ThrowOnNextForward(new InvalidOperationException("boom"));

        await Assert.ThrowsAsync<ModelExecutionException>(() => runtime.EmbedAsync([Inputs.Of(1), Inputs.Of(2), Inputs.Of(3), Inputs.Of(4)], null).Within());
        var result = await runtime.EmbedAsync([Inputs.Of(1), Inputs.Of(2), Inputs.Of(3), Inputs.Of(4)], null).Within();

        Assert.Equal(4, result.Embeddings.Count);
    }

    [Fact]
    public async Task Cancelled_inputs_are_never_computed_are_counted_and_release_their_permits()
    {
        var model = new FakeEmbeddingModel("m1");
        using var metrics = new SimCseMetrics();
        using var recorder = new MetricRecorder(metrics.Meter);
        await using var runtime = Runtimes.Create(model, FourPermits(), metrics);
        using var gate = model.BlockNextForward();
        var running = runtime.EmbedAsync([Inputs.Of(1)], null);
        await gate.Entered.Within();
        using var cancellation = new CancellationTokenSource();

        var cancelled = runtime.EmbedAsync([Inputs.Of(777), Inputs.Of(778)], null, cancellation.Token);
        var behind = runtime.EmbedAsync([Inputs.Of(9)], null);
        await cancellation.CancelAsync();

        // The caller hears at once, before the model thread gets to the inputs.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.Within());
        Assert.True(cancelled.IsCanceled);
        gate.Release();
        await running.Within();
        await behind.Within();

        Assert.DoesNotContain(model.Batches.SelectMany(batch => batch), input => input.Ids[0] >= 777);
        Assert.Equal(2, recorder.Sum("simcse.inputs.cancelled"));
        await runtime.EmbedAsync([Inputs.Of(1), Inputs.Of(2), Inputs.Of(3), Inputs.Of(4)], null).Within();
    }

    [Fact]
    public async Task An_already_cancelled_token_never_enqueues()
    {
        var model = new FakeEmbeddingModel("m1");
        await using var runtime = Runtimes.Create(model);

        var task = runtime.EmbedAsync([Inputs.Of(1)], null, new CancellationToken(canceled: true));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task.Within());
        await runtime.EmbedAsync([Inputs.Of(2)], null).Within();
        Assert.DoesNotContain(model.Batches.SelectMany(batch => batch), input => input.Ids[0] == 1);
    }

    [Fact]
    public async Task Queue_size_gauge_reports_waiting_inputs()
    {
        var model = new FakeEmbeddingModel("m1");
        using var metrics = new SimCseMetrics();
        using var recorder = new MetricRecorder(metrics.Meter);
        await using var runtime = Runtimes.Create(model, metrics: metrics);
        using var gate = model.BlockNextForward();
        var running = runtime.EmbedAsync([Inputs.Of(1)], null);
        await gate.Entered.Within();

        var queued = runtime.EmbedAsync([Inputs.Of(2), Inputs.Of(3), Inputs.Of(4)], null);
        recorder.Observe();

        Assert.Equal(3, recorder.Values("simcse.queue.size")[^1]);
        gate.Release();
        await Task.WhenAll(running, queued).Within();
        Assert.Equal(0, metrics.QueuedInputs);
    }
}

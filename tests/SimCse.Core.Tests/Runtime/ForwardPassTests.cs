using SimCse.Core.Batching;
using SimCse.Core.Diagnostics;
using SimCse.Core.Errors;
using SimCse.Core.Tests.Fakes;

namespace SimCse.Core.Tests.Runtime;

public class ForwardPassTests
{
    [Fact]
    public async Task The_model_runs_exactly_the_planned_passes_and_metrics_describe_them()
    {
        var model = new FakeEmbeddingModel("m1");
        using var metrics = new SimCseMetrics();
        using var recorder = new MetricRecorder(metrics.Meter);
        await using var runtime = Runtimes.Create(model, metrics: metrics);
        using var gate = model.BlockNextForward();
        var blocking = runtime.EmbedAsync([Inputs.OfLength(3, 1)], null);
        await gate.Entered.Within();

        // 70 equal-length singles: one queue batch, split by the CPU default of 32 rows per pass.
        var singles = Enumerable.Range(0, 70).Select(i => runtime.EmbedAsync([Inputs.OfLength(3, 100 + i)], null)).ToArray();
        gate.Release();
        await Task.WhenAll(singles).Within();
        await blocking.Within();

        // The passes of one batch may run at once on the forward lanes, so they finish in any order.
        Assert.Equal([1, 6, 32, 32], model.Batches.Select(batch => batch.Length).Order());
        Assert.Equal([1.0, 6, 32, 32], recorder.Values("simcse.batch.size").Order());
        Assert.Equal([3.0, 18, 96, 96], recorder.Values("simcse.batch.tokens").Order());
        for (var i = 0; i < singles.Length; i++)
        {
            Assert.Equal(FakeEmbeddingModel.ExpectedVector(Inputs.OfLength(3, 100 + i)), (await singles[i]).Embeddings[0]);
        }
    }

    [Fact]
    public async Task Pass_limits_come_from_the_options()
    {
        var model = new FakeEmbeddingModel("m1");
        await using var runtime = Runtimes.Create(model, new BatchingOptions { MaxPassRows = 2 });

        await runtime.EmbedAsync([.. Enumerable.Range(0, 5).Select(i => Inputs.OfLength(4, i * 10))], null).Within();

        Assert.Equal([1, 2, 2], model.Batches.Select(batch => batch.Length).Order());
    }

    [Fact]
    public async Task Admission_tickets_hold_permits_until_handed_over_or_disposed()
    {
        var model = new FakeEmbeddingModel("m1");
        await using var runtime = Runtimes.Create(model, new BatchingOptions { MaxConcurrentRequests = 2, MaxClientBatchSize = 2 });

        var ticket = runtime.Admit(2);
        Assert.Throws<OverloadedException>(() => runtime.Admit(1));
        ticket.Dispose();
        using (runtime.Admit(1))
        {
            using var second = runtime.Admit(1);
            var result = await runtime.EmbedAsync(second, [Inputs.Of(7)], null).Within();
            Assert.Equal("m1", result.ModelId);
            Assert.False(second.IsHeld);
            await Assert.ThrowsAsync<InvalidOperationException>(() => runtime.EmbedAsync(second, [Inputs.Of(7)], null));
        }

        // Everything came back: both permits are free again.
        using var all = runtime.Admit(2);
        Assert.Throws<BatchTooLargeException>(() => runtime.Admit(3));
    }

    [Fact]
    public async Task A_ticket_survives_a_refusal_before_queueing()
    {
        var model = new FakeEmbeddingModel("m1");
        await using var runtime = Runtimes.Create(model);
        using var ticket = runtime.Admit(1);

        await Assert.ThrowsAsync<ModelNotFoundException>(() => runtime.EmbedAsync(ticket, [Inputs.Of(1)], "other"));

        Assert.True(ticket.IsHeld);
        Assert.Equal("m1", (await runtime.EmbedAsync(ticket, [Inputs.Of(1)], null).Within()).ModelId);
    }
}

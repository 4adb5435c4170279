using SimCse.Core.Batching;
using SimCse.Core.Diagnostics;
using SimCse.Core.Errors;
using SimCse.Core.Tests.Fakes;
using SimCse.Core.Tokenization;

namespace SimCse.Core.Tests.Runtime;

public class EmbeddingTests
{
    [Fact]
    public async Task Returns_vectors_in_input_order_with_model_id_and_token_count()
    {
        var model = new FakeEmbeddingModel("m1");
        await using var runtime = Runtimes.Create(model);
        TokenizedInput[] inputs = [Inputs.OfLength(5, 10), Inputs.OfLength(2, 20), Inputs.OfLength(7, 30)];

        var result = await runtime.EmbedAsync(inputs, null).Within();

        Runtimes.AssertVectors(inputs, result);
        Assert.Equal("m1", result.ModelId);
        Assert.Equal(14, result.TokenCount);
        Assert.True(result.QueueTime >= TimeSpan.Zero);
    }

    [Fact]
    public async Task Forward_passes_run_on_the_named_model_thread()
    {
        var model = new FakeEmbeddingModel("m1");
        await using var runtime = Runtimes.Create(model);

        await runtime.EmbedAsync([Inputs.OfLength(3, 1)], null).Within();

        Assert.All(model.ThreadNames, name => Assert.Equal("simcse-model", name));
        Assert.NotEqual("simcse-model", Thread.CurrentThread.Name);
    }

    [Fact]
    public async Task Concurrent_callers_each_get_their_own_vectors_in_order()
    {
        var model = new FakeEmbeddingModel("m1");
        await using var runtime = Runtimes.Create(model, new BatchingOptions { MaxBatchRequests = 7, MaxBatchTokens = 200 });

        var callers = Enumerable.Range(0, 40).Select(caller => Task.Run(async () =>
        {
            var inputs = Enumerable.Range(0, 1 + (caller % 5))
                .Select(i => Inputs.OfLength(1 + ((caller * 7 + i * 3) % 11), (caller * 100) + (i * 13)))
                .ToArray();
            var result = await runtime.EmbedAsync(inputs, null);
            Runtimes.AssertVectors(inputs, result);
        }));

        await Task.WhenAll(callers).Within();

        Assert.All(model.Batches, batch => Assert.True(batch.Length <= 7));
    }

    [Fact]
    public async Task A_batch_is_length_sorted_before_the_forward_pass()
    {
        var model = new FakeEmbeddingModel("m1");
        // Padding allowed, so the four inputs share one pass and its order is visible.
        await using var runtime = Runtimes.Create(model, new BatchingOptions { MaxPaddingFraction = 1.0 });
        using var gate = model.BlockNextForward();
        var first = runtime.EmbedAsync([Inputs.OfLength(1, 1)], null);
        await gate.Entered.Within();
        TokenizedInput[] inputs = [Inputs.OfLength(5, 10), Inputs.OfLength(2, 20), Inputs.OfLength(9, 30), Inputs.OfLength(3, 40)];

        var second = runtime.EmbedAsync(inputs, null);
        gate.Release();
        var result = await second.Within();
        await first.Within();

        Assert.Equal([2, 3, 5, 9], model.Batches[1].Select(input => input.Length));
        Runtimes.AssertVectors(inputs, result);
    }

    [Fact]
    public async Task Concurrent_single_requests_are_batched_together()
    {
        var model = new FakeEmbeddingModel("m1");
        await using var runtime = Runtimes.Create(model);
        using var gate = model.BlockNextForward();
        var first = runtime.EmbedAsync([Inputs.OfLength(3, 1)], null);
        await gate.Entered.Within();

        var singles = Enumerable.Range(0, 10).Select(i => runtime.EmbedAsync([Inputs.OfLength(3, 100 + i)], null)).ToArray();
        gate.Release();
        await Task.WhenAll(singles).Within();
        await first.Within();

        Assert.Equal(2, model.Batches.Count);
        Assert.Equal(10, model.Batches[1].Length);
    }

    [Fact]
    public async Task A_request_larger_than_the_batch_limits_is_split_and_reassembled()
    {
        var model = new FakeEmbeddingModel("m1");
        await using var runtime = Runtimes.Create(model, new BatchingOptions { MaxBatchRequests = 3, MaxPaddingFraction = 1.0 });
        var inputs = Enumerable.Range(0, 8).Select(i => Inputs.OfLength(1 + i, i * 10)).ToArray();

        var result = await runtime.EmbedAsync(inputs, null).Within();

        Runtimes.AssertVectors(inputs, result);
        Assert.Equal([3, 3, 2], model.Batches.Select(batch => batch.Length));
    }

    [Fact]
    public async Task A_failing_forward_fails_only_its_batch_and_the_runtime_keeps_serving()
    {
        var model = new FakeEmbeddingModel("m1");
        using var metrics = new SimCseMetrics();
        using var recorder = new MetricRecorder(metrics.Meter);
        await using var runtime = Runtimes.Create(model, new BatchingOptions { MaxBatchRequests = 2 }, metrics);
        using var gate = model.BlockNextForward();
        var first = runtime.EmbedAsync([Inputs.OfLength(1, 1)], null);
        await gate.Entered.Within();

        var failingA = runtime.EmbedAsync([Inputs.OfLength(1, 2)], null);
        var failingB = runtime.EmbedAsync([Inputs.OfLength(1, 3)], null);
        var after = runtime.EmbedAsync([Inputs.OfLength(1, 4)], null);
        model.ThrowOnNextForward(new InvalidOperationException("boom"));
        gate.Release();

        await first.Within();
        var errorA = await Assert.ThrowsAsync<ModelExecutionException>(() => failingA.Within());
        await Assert.ThrowsAsync<ModelExecutionException>(() => failingB.Within());
        Assert.IsType<InvalidOperationException>(errorA.InnerException);
        Assert.Equal(ErrorKind.ModelFailure, errorA.Kind);
        Assert.Equal("m1", (await after.Within()).ModelId);
        Assert.Equal("m1", (await runtime.EmbedAsync([Inputs.OfLength(1, 5)], null).Within()).ModelId);
        Assert.Equal(1, recorder.Sum("simcse.batches.failed"));
    }

    [Fact]
    public async Task Batch_metrics_are_recorded()
    {
        var model = new FakeEmbeddingModel("m1");
        using var metrics = new SimCseMetrics();
        using var recorder = new MetricRecorder(metrics.Meter);
        await using var runtime = Runtimes.Create(model, new BatchingOptions { MaxPaddingFraction = 1.0 }, metrics);

        await runtime.EmbedAsync([Inputs.OfLength(2, 1), Inputs.OfLength(5, 1)], null).Within();

        Assert.Equal([2.0], recorder.Values("simcse.batch.size"));
        Assert.Equal([10.0], recorder.Values("simcse.batch.tokens"));
        Assert.Equal(2, recorder.Sum("simcse.inputs"));
        Assert.Equal(7, recorder.Sum("simcse.tokens"));
        Assert.Single(recorder.Values("simcse.inference.duration"));
        Assert.Single(recorder.Values("simcse.queue.duration"));
    }

    [Fact]
    public async Task Max_batch_delay_waits_for_more_inputs_before_running_a_batch_that_is_not_full()
    {
        var model = new FakeEmbeddingModel("m1");
        var options = new BatchingOptions { MaxBatchRequests = 3, MaxBatchDelay = TimeSpan.FromSeconds(50) };
        await using var runtime = Runtimes.Create(model, options);

        // With the delay the first single waits (up to 50 s) for company; without it, it would run alone as
        // soon as the thread saw it. The pause only gives a broken runtime the chance to show that: a correct
        // one passes however long or short it is, so this asserts no timing.
        var first = runtime.EmbedAsync([Inputs.OfLength(2, 0)], null);
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        var others = Enumerable.Range(1, 2).Select(i => runtime.EmbedAsync([Inputs.OfLength(2, i * 10)], null)).ToArray();
        await Task.WhenAll(others.Append(first)).Within();

        Assert.Equal([3], model.Batches.Select(batch => batch.Length));
    }

    [Fact]
    public async Task Requests_that_break_the_simple_rules_fail_at_once()
    {
        var model = new FakeEmbeddingModel("m1");
        await using var runtime = Runtimes.Create(model, new BatchingOptions { MaxClientBatchSize = 2 });

        await Assert.ThrowsAsync<InvalidInputException>(() => runtime.EmbedAsync([], null));
        var tooLarge = await Assert.ThrowsAsync<BatchTooLargeException>(() => runtime.EmbedAsync([Inputs.Of(1), Inputs.Of(2), Inputs.Of(3)], null));
        Assert.Equal(ErrorKind.PayloadTooLarge, tooLarge.Kind);
        Assert.Empty(model.Batches);
    }
}

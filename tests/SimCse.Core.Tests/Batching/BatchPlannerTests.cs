using SimCse.Core.Batching;

namespace SimCse.Core.Tests.Batching;

public class BatchPlannerTests
{
    private static BatchingOptions Options(int maxTokens = 1000, int maxRequests = 100) =>
        new() { MaxBatchTokens = maxTokens, MaxBatchRequests = maxRequests };

    private static QueuedItem Live(int length, string? model = "m") => new(length, false, model);

    private static QueuedItem Cancelled(int length, string? model = "m") => new(length, true, model);

    [Fact]
    public void Empty_queue_gives_an_empty_batch()
    {
        var plan = BatchPlanner.Plan([], Options());

        Assert.Empty(plan.Batch);
        Assert.Equal(0, plan.Consumed);
        Assert.False(plan.IsFull);
    }

    [Fact]
    public void Takes_the_whole_queue_when_it_fits_and_is_not_full()
    {
        var plan = BatchPlanner.Plan([Live(3), Live(5), Live(4)], Options());

        Assert.Equal([0, 1, 2], plan.Batch);
        Assert.Equal(3, plan.Consumed);
        Assert.False(plan.IsFull);
        Assert.Equal(15, plan.PaddedTokens);
    }

    [Fact]
    public void Token_budget_counts_padded_tokens_not_the_sum_of_lengths()
    {
        // Unpadded 30+10+10 = 50 fits 60, but padded 3 × 30 = 90 does not.
        var plan = BatchPlanner.Plan([Live(30), Live(10), Live(10)], Options(maxTokens: 60));

        Assert.Equal([0, 1], plan.Batch);
        Assert.Equal(2, plan.Consumed);
        Assert.True(plan.IsFull);
        Assert.Equal(60, plan.PaddedTokens);
    }

    [Fact]
    public void A_longer_item_raises_the_padding_of_the_whole_batch()
    {
        // 2 × 10 = 20 fits; adding a 30 makes it 3 × 30 = 90 > 60.
        var plan = BatchPlanner.Plan([Live(10), Live(10), Live(30)], Options(maxTokens: 60));

        Assert.Equal([0, 1], plan.Batch);
        Assert.True(plan.IsFull);
    }

    [Fact]
    public void Count_limit_counts_inputs()
    {
        var plan = BatchPlanner.Plan([Live(1), Live(1), Live(1), Live(1), Live(1)], Options(maxRequests: 3));

        Assert.Equal([0, 1, 2], plan.Batch);
        Assert.Equal(3, plan.Consumed);
        Assert.True(plan.IsFull);
    }

    [Fact]
    public void An_oversize_first_item_is_taken_alone()
    {
        var plan = BatchPlanner.Plan([Live(100), Live(1)], Options(maxTokens: 50));

        Assert.Equal([0], plan.Batch);
        Assert.Equal(1, plan.Consumed);
        Assert.True(plan.IsFull);
        Assert.Equal(100, plan.PaddedTokens);
    }

    [Fact]
    public void No_item_is_pulled_forward_past_one_that_does_not_fit()
    {
        // The 5 would fit beside the 10, but taking it would overtake the 50.
        var plan = BatchPlanner.Plan([Live(10), Live(50), Live(5)], Options(maxTokens: 40));

        Assert.Equal([0], plan.Batch);
        Assert.Equal(1, plan.Consumed);
    }

    [Fact]
    public void Cancelled_items_are_dropped_and_count_against_no_limit()
    {
        QueuedItem[] queue = [Cancelled(1000), Live(10), Cancelled(1), Live(10), Live(10)];

        var plan = BatchPlanner.Plan(queue, Options(maxTokens: 20, maxRequests: 2));

        Assert.Equal([1, 3], plan.Batch);
        Assert.Equal([0, 2], plan.Dropped);
        Assert.Equal(4, plan.Consumed);
        Assert.Equal(20, plan.PaddedTokens);
    }

    [Fact]
    public void Cancelled_items_behind_the_batch_stay_queued()
    {
        var plan = BatchPlanner.Plan([Live(10), Live(50), Cancelled(1)], Options(maxTokens: 40));

        Assert.Empty(plan.Dropped);
        Assert.Equal(1, plan.Consumed);
    }

    [Fact]
    public void An_all_cancelled_queue_is_consumed_with_an_empty_batch()
    {
        var plan = BatchPlanner.Plan([Cancelled(3), Cancelled(4)], Options());

        Assert.Empty(plan.Batch);
        Assert.Equal([0, 1], plan.Dropped);
        Assert.Equal(2, plan.Consumed);
    }

    [Fact]
    public void A_batch_never_mixes_models()
    {
        var plan = BatchPlanner.Plan([Live(1, "a"), Live(1, "a"), Live(1, "b"), Live(1, "a")], Options());

        Assert.Equal([0, 1], plan.Batch);
        Assert.Equal(2, plan.Consumed);
        Assert.True(plan.IsFull);
    }

    [Fact]
    public void Planning_until_empty_serves_every_item_once_in_fifo_order_within_limits()
    {
        var random = new Random(1234);
        var options = Options(maxTokens: 64, maxRequests: 5);
        var queue = Enumerable.Range(0, 300)
            .Select(i => (Id: i, Item: new QueuedItem(random.Next(1, 100), random.Next(10) == 0, random.Next(4) == 0 ? "b" : "a")))
            .ToList();
        var served = new List<int>();
        var dropped = new List<int>();

        while (queue.Count > 0)
        {
            var plan = BatchPlanner.Plan(queue.Select(q => q.Item).ToArray(), options);
            Assert.True(plan.Consumed > 0, "every plan must make progress, or items starve");
            var batch = plan.Batch.Select(i => queue[i]).ToList();
            Assert.True(batch.Count <= options.MaxBatchRequests);
            Assert.True(batch.Count <= 1 || plan.PaddedTokens <= options.MaxBatchTokens);
            Assert.Single(batch.Select(b => b.Item.ModelId).Distinct());
            // The passes are exactly the batch, and each stays within the pass limits.
            Assert.Equal(plan.Batch, plan.Passes.SelectMany(pass => pass).Order());
            var limits = options.PassLimits;
            Assert.All(plan.Passes, pass => Assert.True(pass.Length == 1 || (pass.Length <= limits.MaxRows && pass.Length * pass.Max(i => queue[i].Item.Length) <= limits.MaxTokens)));
            // FIFO fairness: the first live item is always served by this plan.
            int head = queue.FindIndex(q => !q.Item.IsCancelled);
            Assert.True(head < 0 || plan.Batch.Contains(head), "the head item must never wait behind later ones");
            served.AddRange(batch.Select(b => b.Id));
            dropped.AddRange(plan.Dropped.Select(i => queue[i].Id));
            queue.RemoveRange(0, plan.Consumed);
        }

        Assert.All(dropped, id => Assert.DoesNotContain(id, served));
        Assert.Equal(Enumerable.Range(0, 300), served.Concat(dropped).Order());
        Assert.Equal(served.Order(), served);
    }

    [Fact]
    public void A_batch_is_handed_over_as_the_forward_passes_of_the_pass_limits()
    {
        var options = new BatchingOptions { MaxBatchTokens = 100000, MaxBatchRequests = 1000, MaxPassRows = 4, MaxPaddingFraction = 1.0 };

        var plan = BatchPlanner.Plan([.. Enumerable.Range(0, 10).Select(i => Live(10 - i))], options);

        Assert.Equal(10, plan.Batch.Count);
        Assert.Equal([4, 4, 2], plan.Passes.Select(pass => pass.Length));
        // Shortest first: the last queued inputs are the shortest.
        Assert.Equal([9, 8, 7, 6], plan.Passes[0]);
    }
}

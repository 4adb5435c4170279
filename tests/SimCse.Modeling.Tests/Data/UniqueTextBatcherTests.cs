using SimCse.Modeling.Data;

namespace SimCse.Modeling.Tests.Data;

public class UniqueTextBatcherTests
{
    [Fact]
    public void Batches_never_repeat_a_text_and_lose_no_example_that_fits()
    {
        // 60 sentences drawn from 12 distinct ones: heavy duplication.
        string[] texts = Enumerable.Range(0, 60).Select(i => $"sentence {i % 12}").ToArray();
        IReadOnlyList<int[]> batches = UniqueTextBatcher.Plan(texts, text => [text], batchSize: 8, seed: 1);

        Assert.All(batches, batch => Assert.Equal(batch.Length, batch.Select(i => texts[i]).Distinct().Count()));
        Assert.All(batches, batch => Assert.InRange(batch.Length, 2, 8));
        int[] all = batches.SelectMany(batch => batch).ToArray();
        Assert.Equal(all.Length, all.Distinct().Count());
        Assert.True(all.Length >= 56, $"{all.Length} of 60 examples batched");
    }

    [Fact]
    public void Triplet_texts_count_across_fields()
    {
        // The second triplet's positive is the first one's negative: they may not share a batch.
        TrainingTriplet[] triplets = [new("a", "b", "c"), new("d", "c"), new("e", "f"), new("g", "h")];
        IReadOnlyList<int[]> batches = UniqueTextBatcher.Plan(triplets, t => t.Negative is null ? [t.Anchor, t.Positive] : [t.Anchor, t.Positive, t.Negative], 4, seed: 3);
        Assert.All(batches, batch => Assert.False(batch.Contains(0) && batch.Contains(1)));
    }

    [Fact]
    public void The_order_is_a_function_of_the_seed()
    {
        string[] texts = Enumerable.Range(0, 40).Select(i => $"s{i}").ToArray();
        Assert.Equal(UniqueTextBatcher.Plan(texts, t => [t], 8, 5), UniqueTextBatcher.Plan(texts, t => [t], 8, 5));
        Assert.NotEqual(UniqueTextBatcher.Plan(texts, t => [t], 8, 5)[0], UniqueTextBatcher.Plan(texts, t => [t], 8, 6)[0]);
    }

    [Fact]
    public void A_text_repeated_thousands_of_times_goes_to_that_many_distinct_batches()
    {
        // One anchor paired with 20,000 positives, plus 20,000 unrelated pairs: the old deferred-list scan
        // was quadratic here; every batch may hold the anchor once at most.
        var triplets = Enumerable.Range(0, 20_000).Select(i => new TrainingTriplet("the anchor", $"positive {i}"))
            .Concat(Enumerable.Range(0, 20_000).Select(i => new TrainingTriplet($"anchor {i}", $"other {i}"))).ToArray();

        IReadOnlyList<int[]> batches = UniqueTextBatcher.Plan(triplets, t => [t.Anchor, t.Positive], 64, seed: 2);

        Assert.All(batches, batch => Assert.True(batch.Count(i => triplets[i].Anchor == "the anchor") <= 1));
        int planned = batches.Sum(batch => batch.Length);
        Assert.Equal(planned, batches.SelectMany(batch => batch).Distinct().Count());
        // Every unrelated pair and one repeated-anchor pair per batch fit; the rest of the repeats cannot.
        Assert.Equal(20_000 + batches.Count(batch => batch.Any(i => triplets[i].Anchor == "the anchor")), planned);
        Assert.InRange(batches.Count(batch => batch.Any(i => triplets[i].Anchor == "the anchor")), batches.Count - 1, batches.Count);
    }

    [Fact]
    public void Planning_stops_when_cancelled()
    {
        string[] texts = Enumerable.Range(0, 10_000).Select(i => $"s{i}").ToArray();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => UniqueTextBatcher.Plan(texts, t => [t], 8, 1, cancelled.Token));
    }

    [Fact]
    public void The_shared_nli_triplets_are_planned_almost_entirely_into_full_batches()
    {
        IReadOnlyList<TrainingTriplet> triplets = SupervisedTripletReader.ReadFile(SharedData.File("train/nli_triplets.tsv"));

        IReadOnlyList<int[]> batches = UniqueTextBatcher.Plan(triplets, t => [t.Anchor, t.Positive, t.Negative!], 64, seed: 42);

        int planned = batches.Sum(batch => batch.Length);
        Assert.True(planned >= triplets.Count * 0.99, $"{planned} of {triplets.Count} planned");
        Assert.True(batches.Count(batch => batch.Length == 64) >= batches.Count - 2, "all but the tail batches are full");
        string[] TextsOf(int i) => new[] { triplets[i].Anchor, triplets[i].Positive, triplets[i].Negative! }.Distinct().ToArray();
        Assert.All(batches, batch => Assert.Equal(batch.Sum(i => TextsOf(i).Length), batch.SelectMany(TextsOf).Distinct().Count()));
    }
}

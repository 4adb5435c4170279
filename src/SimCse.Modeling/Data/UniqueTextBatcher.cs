namespace SimCse.Modeling.Data;

/// <summary>
/// Shuffles examples and cuts them into batches in which no text occurs twice: a repeated text would be
/// both a positive and an in-batch "negative" of itself (a false negative). The shuffle is a pure function
/// of the seed.
/// <para>
/// Each example, in shuffled order, goes to the earliest batch that is not full and comes after every
/// batch already holding one of its texts. "Earliest non-full batch from b" is a union-find lookup with
/// path compression, so planning is linear (up to the inverse Ackermann factor) in the number of texts
/// even when a file repeats one text thousands of times; the old scan over deferred examples was quadratic there.
/// </para>
/// </summary>
public static class UniqueTextBatcher
{
    private const int CancellationCheckInterval = 4096;

    /// <param name="items">The examples.</param>
    /// <param name="textsOf">Every text an example contributes to the batch.</param>
    /// <param name="batchSize">Examples per batch.</param>
    /// <param name="seed">Shuffle seed (vary it per epoch).</param>
    /// <param name="cancellationToken">Checked every few thousand examples.</param>
    /// <returns>Batches of example indices; batches with fewer than two examples are dropped (they have no negatives).</returns>
    public static IReadOnlyList<int[]> Plan<T>(IReadOnlyList<T> items, Func<T, IEnumerable<string>> textsOf, int batchSize, int seed,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(textsOf);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        int[] order = Enumerable.Range(0, items.Count).ToArray();
        new Random(seed).Shuffle(order);

        var batches = new List<List<int>>();
        var nextOpen = new List<int>(); // union-find parent: a batch, or a later batch when this one is full
        var lastBatchOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int position = 0; position < order.Length; position++)
        {
            if (position % CancellationCheckInterval == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            int index = order[position];
            string[] texts = textsOf(items[index]).Distinct(StringComparer.Ordinal).ToArray();
            int earliest = 0;
            foreach (string text in texts)
            {
                if (lastBatchOf.TryGetValue(text, out int last))
                {
                    earliest = Math.Max(earliest, last + 1);
                }
            }
            int batch = FindOpen(nextOpen, batches, earliest);
            batches[batch].Add(index);
            foreach (string text in texts)
            {
                lastBatchOf[text] = batch;
            }
            if (batches[batch].Count == batchSize)
            {
                nextOpen[batch] = batch + 1;
            }
        }
        return batches.Where(batch => batch.Count >= 2).Select(batch => batch.ToArray()).ToList();
    }

    /// <summary>The earliest non-full batch at or after <paramref name="from"/>, creating batches as needed.</summary>
    private static int FindOpen(List<int> nextOpen, List<List<int>> batches, int from)
    {
        while (batches.Count <= from)
        {
            nextOpen.Add(batches.Count);
            batches.Add([]);
        }
        int root = from;
        while (true)
        {
            if (root == batches.Count)
            {
                nextOpen.Add(root);
                batches.Add([]);
            }
            if (nextOpen[root] == root)
            {
                break;
            }
            root = nextOpen[root];
        }
        // Path compression: every batch visited now points straight at the open one.
        for (int node = from; node != root;)
        {
            int parent = nextOpen[node];
            nextOpen[node] = root;
            node = parent;
        }
        return root;
    }
}

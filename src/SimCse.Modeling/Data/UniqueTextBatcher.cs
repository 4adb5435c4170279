namespace SimCse.Modeling.Data;

/// <summary>
/// Shuffles examples and cuts them into batches in which no text occurs twice: a repeated text would be
/// both a positive and an in-batch "negative" of itself (a false negative). An example that would repeat
/// a text waits for the next batch; the shuffle is a pure function of the seed.
/// </summary>
public static class UniqueTextBatcher
{
    /// <param name="items">The examples.</param>
    /// <param name="textsOf">Every text an example contributes to the batch.</param>
    /// <param name="batchSize">Examples per batch.</param>
    /// <param name="seed">Shuffle seed (vary it per epoch).</param>
    /// <returns>Batches of example indices; a final batch with fewer than two examples is dropped (it has no negatives).</returns>
    public static IReadOnlyList<int[]> Plan<T>(IReadOnlyList<T> items, Func<T, IEnumerable<string>> textsOf, int batchSize, int seed)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(textsOf);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        int[] order = Enumerable.Range(0, items.Count).ToArray();
        new Random(seed).Shuffle(order);

        var batches = new List<int[]>();
        var deferred = new LinkedList<int>();
        var current = new List<int>(batchSize);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int next = 0;
        while (next < order.Length || deferred.Count > 0)
        {
            // Deferred examples get the first chance in each new batch, so none waits forever.
            bool progressed = false;
            for (LinkedListNode<int>? node = deferred.First; node is not null && current.Count < batchSize;)
            {
                LinkedListNode<int>? following = node.Next;
                if (TryAdd(items[node.Value], node.Value, textsOf, current, seen))
                {
                    deferred.Remove(node);
                    progressed = true;
                }
                node = following;
            }
            while (current.Count < batchSize && next < order.Length)
            {
                int index = order[next++];
                if (!TryAdd(items[index], index, textsOf, current, seen))
                {
                    deferred.AddLast(index);
                }
                progressed = true;
            }
            if (current.Count == batchSize || next >= order.Length)
            {
                if (current.Count == 0 || (!progressed && current.Count < 2))
                {
                    break;
                }
                if (current.Count >= 2)
                {
                    batches.Add([.. current]);
                }
                current.Clear();
                seen.Clear();
            }
        }
        return batches;
    }

    private static bool TryAdd<T>(T item, int index, Func<T, IEnumerable<string>> textsOf, List<int> current, HashSet<string> seen)
    {
        string[] texts = textsOf(item).Distinct(StringComparer.Ordinal).ToArray();
        if (texts.Any(seen.Contains))
        {
            return false;
        }
        seen.UnionWith(texts);
        current.Add(index);
        return true;
    }
}

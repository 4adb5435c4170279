namespace SimCse.Core.Batching;

/// <summary>
/// Forms the next batch from the queue. Pure, so the rules are tested without threads or a model:
/// <list type="bullet">
/// <item>the batch is a FIFO prefix of the live items: the first item that does not fit ends it, nothing
/// behind it is pulled forward, so no item can be starved by smaller ones;</item>
/// <item>the first live item is always taken, even when alone it exceeds the token budget;</item>
/// <item>padded tokens (count × longest) stay within <c>MaxBatchTokens</c>, inputs within <c>MaxBatchRequests</c>;</item>
/// <item>all items share one model id; an item for another model ends the batch;</item>
/// <item>cancelled items inside the prefix are dropped and count against no limit.</item>
/// </list>
/// </summary>
public static class BatchPlanner
{
    public static BatchPlan Plan(IReadOnlyList<QueuedItem> queue, BatchingOptions options)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(options);

        var batch = new List<int>();
        var dropped = new List<int>();
        var longest = 0;
        string? modelId = null;
        var isFull = false;
        var index = 0;

        for (; index < queue.Count; index++)
        {
            var item = queue[index];
            if (item.IsCancelled)
            {
                dropped.Add(index);
                continue;
            }

            if (batch.Count > 0)
            {
                var newLongest = Math.Max(longest, item.Length);
                var fits = string.Equals(item.ModelId, modelId, StringComparison.Ordinal)
                    && (long)newLongest * (batch.Count + 1) <= options.MaxBatchTokens;
                if (!fits)
                {
                    isFull = true;
                    break;
                }
            }
            else
            {
                modelId = item.ModelId;
            }

            batch.Add(index);
            longest = Math.Max(longest, item.Length);
            if (batch.Count >= options.MaxBatchRequests)
            {
                isFull = true;
                index++;
                break;
            }
        }

        return new BatchPlan(batch, dropped, index, isFull, batch.Count * longest);
    }
}

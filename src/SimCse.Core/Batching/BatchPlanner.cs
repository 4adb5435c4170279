namespace SimCse.Core.Batching;

/// <summary>
/// Forms the next batch from the queue. Pure, so the rules are tested without threads or a model:
/// <list type="bullet">
/// <item>the batch is a FIFO prefix of the live items: the first item that does not fit ends it, nothing
/// behind it is pulled forward, so no item can be starved by smaller ones;</item>
/// <item>the first live item is always taken, even when alone it exceeds the token budget;</item>
/// <item>padded tokens (count × longest) stay within <c>MaxBatchTokens</c>, inputs within <c>MaxBatchRequests</c>;</item>
/// <item>all items share one model id; an item for another model ends the batch;</item>
/// <item>cancelled items inside the prefix are dropped and count against no limit;</item>
/// <item>the batch is then split into the forward passes the model runs (<see cref="ForwardPassPlanner"/>
/// under <see cref="BatchingOptions.PassLimits"/>). This is the only place forward passes are shaped: the
/// model runs exactly the passes it is handed, so batch metrics describe real passes.</item>
/// </list>
/// Every pass of a batch runs before anything queued behind the batch, so length grouping inside it
/// never starves the head item.
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

        return new BatchPlan(batch, dropped, index, isFull, batch.Count * longest, PlanPasses(queue, batch, options.PassLimits));
    }

    private static int[][] PlanPasses(IReadOnlyList<QueuedItem> queue, List<int> batch, ForwardPassLimits limits)
    {
        if (batch.Count == 0)
        {
            return [];
        }

        var lengths = new int[batch.Count];
        for (var i = 0; i < lengths.Length; i++)
        {
            lengths[i] = queue[batch[i]].Length;
        }

        var passes = ForwardPassPlanner.Plan(lengths, limits);
        var result = new int[passes.Count][];
        for (var p = 0; p < result.Length; p++)
        {
            var pass = passes[p];
            result[p] = new int[pass.Length];
            for (var i = 0; i < pass.Length; i++)
            {
                result[p][i] = batch[pass[i]];
            }
        }

        return result;
    }
}

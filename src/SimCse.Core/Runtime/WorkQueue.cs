using System.Diagnostics;
using SimCse.Core.Batching;
using SimCse.Core.Diagnostics;
using SimCse.Core.Tokenization;

namespace SimCse.Core.Runtime;

/// <summary>
/// The queued inputs and the bounded command queue, under one lock, and the rule for what the model
/// thread does next: a batch shaped by <see cref="BatchPlanner"/>, or a command. Commands and batches
/// alternate while both wait, so neither starves the other.
/// </summary>
internal sealed class WorkQueue(BatchingOptions options, SimCseMetrics metrics)
{
    private readonly object _gate = new();
    private readonly List<WorkItem> _items = [];
    private readonly Queue<ModelCommand> _commands = new();
    private bool _stopping;
    private bool _lastWasCommand;

    /// <summary>Queues every input of <paramref name="request"/>; false (nothing queued) once stopping.</summary>
    public bool TryAdd(PendingRequest request, IReadOnlyList<TokenizedInput> inputs)
    {
        lock (_gate)
        {
            if (_stopping)
            {
                return false;
            }

            for (var i = 0; i < inputs.Count; i++)
            {
                _items.Add(new WorkItem(request, i, inputs[i]));
            }

            metrics.QueueChanged(inputs.Count);
            Monitor.Pulse(_gate);
            return true;
        }
    }

    public CommandAdmission TryAdd(ModelCommand command)
    {
        lock (_gate)
        {
            if (_stopping)
            {
                return CommandAdmission.Stopping;
            }

            if (_commands.Count >= options.MaxQueuedCommands)
            {
                return CommandAdmission.Full;
            }

            _commands.Enqueue(command);
            Monitor.Pulse(_gate);
            return CommandAdmission.Queued;
        }
    }

    /// <summary>Wakes the model thread to stop; later additions are refused.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _stopping = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>
    /// Blocks the model thread until there is something to do. Returns false when stopping; otherwise
    /// exactly one of <paramref name="command"/> and <paramref name="batch"/> is set.
    /// </summary>
    /// <param name="activeModelId">The active model, for inputs that did not pin one (only the model thread changes it).</param>
    /// <param name="command">The command to run next, or null.</param>
    /// <param name="batch">The batch to run next, or null.</param>
    public bool TryTakeNext(string? activeModelId, out ModelCommand? command, out TakenBatch? batch)
    {
        command = null;
        batch = null;
        long? delayDeadline = null;
        lock (_gate)
        {
            while (true)
            {
                if (_stopping)
                {
                    return false;
                }

                var commandReady = _commands.TryPeek(out var next) && (!next.ChangesModels || !HeadRequestIsPartiallyServed());
                var batchReady = _items.Count > 0;
                if (commandReady && (!batchReady || !_lastWasCommand))
                {
                    command = _commands.Dequeue();
                    _lastWasCommand = true;
                    return true;
                }

                if (batchReady)
                {
                    var plan = Plan(activeModelId);
                    if (!plan.IsFull && plan.Batch.Count > 0 && options.MaxBatchDelay > TimeSpan.Zero)
                    {
                        // Not full yet: give more inputs a chance to arrive, up to MaxBatchDelay.
                        delayDeadline ??= Stopwatch.GetTimestamp() + (long)(options.MaxBatchDelay.TotalSeconds * Stopwatch.Frequency);
                        var remaining = delayDeadline.Value - Stopwatch.GetTimestamp();
                        if (remaining > 0)
                        {
                            Monitor.Wait(_gate, TimeSpan.FromSeconds((double)remaining / Stopwatch.Frequency));
                            continue;
                        }
                    }

                    batch = Take(plan, activeModelId);
                    _lastWasCommand = false;
                    return true;
                }

                Monitor.Wait(_gate);
            }
        }
    }

    /// <summary>Empties both queues for shutdown (after <see cref="Stop"/>).</summary>
    public (WorkItem[] Items, ModelCommand[] Commands) Drain()
    {
        lock (_gate)
        {
            _stopping = true;
            WorkItem[] items = [.. _items];
            ModelCommand[] commands = [.. _commands];
            _items.Clear();
            _commands.Clear();
            metrics.QueueChanged(-items.Length);
            return (items, commands);
        }
    }

    // A request's inputs are contiguous and batches are FIFO prefixes, so a request split across batches
    // is always at the head. Model changes wait for it, so all its vectors come from one model.
    private bool HeadRequestIsPartiallyServed() => _items.Count > 0 && _items[0].Request.IsPartiallyServed;

    private BatchPlan Plan(string? activeModelId)
    {
        var queued = new QueuedItem[_items.Count];
        for (var i = 0; i < queued.Length; i++)
        {
            var request = _items[i].Request;
            queued[i] = new QueuedItem(_items[i].Input.Length, request.IsAbandoned, request.ResolvedModelId ?? request.ModelId ?? activeModelId);
        }

        return BatchPlanner.Plan(queued, options);
    }

    private TakenBatch Take(BatchPlan plan, string? activeModelId)
    {
        var passes = new WorkItem[plan.Passes.Count][];
        for (var p = 0; p < passes.Length; p++)
        {
            var pass = plan.Passes[p];
            passes[p] = new WorkItem[pass.Length];
            for (var i = 0; i < pass.Length; i++)
            {
                passes[p][i] = _items[pass[i]];
            }
        }

        var dropped = new WorkItem[plan.Dropped.Count];
        for (var i = 0; i < dropped.Length; i++)
        {
            dropped[i] = _items[plan.Dropped[i]];
        }

        string? modelId = null;
        if (plan.Batch.Count > 0)
        {
            var first = _items[plan.Batch[0]].Request;
            modelId = first.ResolvedModelId ?? first.ModelId ?? activeModelId;
        }

        _items.RemoveRange(0, plan.Consumed);
        metrics.QueueChanged(-plan.Consumed);
        return new TakenBatch(modelId, passes, dropped, plan.Batch.Count);
    }
}

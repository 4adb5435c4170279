using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SimCse.Core.Diagnostics;
using SimCse.Core.Errors;
using SimCse.Core.Models;
using SimCse.Core.Tokenization;

namespace SimCse.Core.Runtime;

/// <summary>
/// Runs a taken batch from the model thread: drops abandoned inputs, runs each planned forward pass exactly
/// as planned (several at once on the <see cref="ForwardLanes"/>, longest first), completes callers, records
/// per-pass metrics and the outcome readiness reads. A failing pass fails its callers only; the thread lives on.
/// </summary>
internal sealed class BatchExecutor(SimCseMetrics metrics, ILogger logger, AdmissionPermits permits, RetryAfterEstimate retryAfter, ForwardLanes lanes)
{
    private volatile ForwardOutcome? _lastOutcome;

    /// <summary>The most recent forward pass (batch or probe); null before the first.</summary>
    public ForwardOutcome? LastOutcome => _lastOutcome;

    public void RecordOutcome(string modelId, bool succeeded) =>
        _lastOutcome = new ForwardOutcome(modelId, Stopwatch.GetTimestamp(), succeeded);

    /// <param name="batch">What the queue handed over.</param>
    /// <param name="model">The model <see cref="TakenBatch.ModelId"/> names, or null when it is not loaded.</param>
    /// <param name="missingModel">The error for callers when <paramref name="model"/> is null.</param>
    public void Run(TakenBatch batch, IEmbeddingModel? model, Func<SimCseException> missingModel)
    {
        Drop(batch.Dropped);
        var started = Stopwatch.GetTimestamp();
        var passes = LongestFirst(batch.Passes);
        lanes.Run(passes.Length, (index, concurrentPasses) =>
        {
            try
            {
                RunPass(passes[index], model, missingModel, concurrentPasses);
            }
            finally
            {
                permits.Release(passes[index].Length);
            }
        });

        if (batch.Inputs > 0)
        {
            retryAfter.RecordBatch(Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>Costliest pass (rows × longest input) first, so the last pass to start is a short one and no lane idles long at the end.</summary>
    private static WorkItem[][] LongestFirst(WorkItem[][] passes)
    {
        if (passes.Length < 3)
        {
            return passes;
        }

        var ordered = (WorkItem[][])passes.Clone();
        Array.Sort(ordered, (a, b) => Cost(b).CompareTo(Cost(a)));
        return ordered;
    }

    private static long Cost(WorkItem[] pass)
    {
        var longest = 0;
        foreach (var item in pass)
        {
            longest = Math.Max(longest, item.Input.Length);
        }

        return (long)pass.Length * longest;
    }

    private void Drop(WorkItem[] dropped)
    {
        if (dropped.Length == 0)
        {
            return;
        }

        foreach (var item in dropped)
        {
            item.Request.Cancel();
        }

        permits.Release(dropped.Length);
        metrics.RecordCancelled(dropped.Length);
        ModelRuntimeLog.Dropped(logger, dropped.Length);
    }

    private void RunPass(WorkItem[] pass, IEmbeddingModel? model, Func<SimCseException> missingModel, int concurrentPasses)
    {
        if (model is null)
        {
            // The model was unloaded between admission and this batch (or none is loaded at all).
            foreach (var item in pass)
            {
                item.Request.Fail(missingModel());
            }

            return;
        }

        // A request cancelled, or failed in an earlier pass of this batch, needs no more vectors.
        var live = pass;
        var abandoned = 0;
        foreach (var item in pass)
        {
            abandoned += item.Request.IsAbandoned ? 1 : 0;
        }

        if (abandoned > 0)
        {
            foreach (var item in pass)
            {
                item.Request.Cancel();
            }

            live = Array.FindAll(pass, item => !item.Request.IsAbandoned);
            metrics.RecordCancelled(abandoned);
            if (live.Length == 0)
            {
                return;
            }
        }

        var inputs = new TokenizedInput[live.Length];
        var tokens = 0;
        var longest = 0;
        for (var i = 0; i < live.Length; i++)
        {
            inputs[i] = live[i].Input;
            tokens += inputs[i].Length;
            longest = Math.Max(longest, inputs[i].Length);
            if (live[i].Request.MarkStarted(model.Id) is { } queueTime)
            {
                metrics.RecordQueueTime(queueTime);
            }
        }

        var started = Stopwatch.GetTimestamp();
        float[][] vectors;
        try
        {
            vectors = concurrentPasses > 1 ? model.Embed(inputs, concurrentPasses) : model.Embed(inputs);
            if (vectors is null || vectors.Length != inputs.Length)
            {
                throw new InvalidOperationException($"The model returned {vectors?.Length ?? 0} vectors for {inputs.Length} inputs.");
            }
        }
        catch (Exception ex)
        {
            metrics.RecordFailedBatch(model.Id);
            RecordOutcome(model.Id, succeeded: false);
            ModelRuntimeLog.BatchFailed(logger, ex, model.Id, inputs.Length, inputs.Length * longest);
            foreach (var item in live)
            {
                // One exception per caller: awaiting rethrows it, and a shared instance's stack trace would be written concurrently.
                item.Request.Fail(new ModelExecutionException(model.Id, ex));
            }

            return;
        }

        metrics.RecordBatch(model.Id, inputs.Length, inputs.Length * longest, tokens, Stopwatch.GetElapsedTime(started));
        RecordOutcome(model.Id, succeeded: true);
        for (var i = 0; i < live.Length; i++)
        {
            live[i].Request.Complete(live[i].Index, vectors[i]);
        }
    }
}

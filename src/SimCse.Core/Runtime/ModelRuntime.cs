using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SimCse.Core.Batching;
using SimCse.Core.Diagnostics;
using SimCse.Core.Errors;
using SimCse.Core.Models;
using SimCse.Core.Tokenization;

namespace SimCse.Core.Runtime;

/// <summary>
/// Owns the loaded models and the one OS thread that runs them. Callers tokenize on their own thread and
/// enqueue; the model thread forms FIFO batches under a token budget, length-sorts each batch to cut
/// padding, runs it, and hands every caller its vectors in input order. Commands (probe, swap, any
/// function) run on the same thread between batches, so swapping models needs no locks around the model.
/// </summary>
/// <remarks>
/// One dedicated thread rather than the thread pool because TorchSharp's dispose scopes and
/// inference mode are thread-local, and a single owner makes the swap obviously safe (TEI's shape).
/// Ownership: models given to the constructor or to <see cref="SwapAsync"/> belong to the runtime, which
/// disposes them on the model thread once they are no longer held (or at <see cref="DisposeAsync"/>).
/// </remarks>
public sealed class ModelRuntime : IAsyncDisposable
{
    public const string ThreadName = "simcse-model";

    private static readonly TimeSpan MinRetryAfter = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);

    private readonly BatchingOptions _options;
    private readonly SimCseMetrics _metrics;
    private readonly ILogger<ModelRuntime> _logger;
    private readonly AdmissionPermits _permits;
    private readonly LoadedModels _models;
    private readonly Thread _thread;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Guards the queue, the command queue and _stopping; the model thread waits on it for work.
    private readonly object _gate = new();
    private readonly List<WorkItem> _queue = [];
    private readonly Queue<ModelCommand> _commands = new();
    private bool _stopping;

    // Published by the model thread for callers: loaded models, active first (empty when none).
    private volatile IReadOnlyList<LoadedModelInfo> _loaded = [];
    private long _averageBatchTicks;

    /// <param name="options">Validated here; invalid options throw <see cref="ArgumentException"/>.</param>
    /// <param name="metrics">Shared instruments.</param>
    /// <param name="logger">Log sink.</param>
    /// <param name="initialModel">The first active model, or null to start empty and activate one later with <see cref="SwapAsync"/>.</param>
    public ModelRuntime(BatchingOptions options, SimCseMetrics metrics, ILogger<ModelRuntime> logger, IEmbeddingModel? initialModel = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(logger);
        options.ThrowIfInvalid();

        _options = options;
        _metrics = metrics;
        _logger = logger;
        _permits = new AdmissionPermits(options.MaxConcurrentRequests);
        _models = new LoadedModels(options.PreviousModelsToKeep);
        if (initialModel is not null)
        {
            _models.Activate(initialModel);
        }

        Publish();
        _thread = new Thread(Run) { IsBackground = true, Name = ThreadName };
        _thread.Start();
    }

    /// <summary>The id new requests without a model id are served by; null before the first model.</summary>
    public string? ActiveModelId
    {
        get
        {
            var loaded = _loaded;
            return loaded.Count > 0 ? loaded[0].Id : null;
        }
    }

    /// <summary>Ids of every loaded model, the active one first.</summary>
    public IReadOnlyList<string> LoadedModelIds => _loaded.Select(model => model.Id).ToArray();

    /// <summary>
    /// The loaded model a request would use: <paramref name="modelId"/>, or the active model when null.
    /// Request threads use its tokenizer, then pin the request to its id.
    /// </summary>
    /// <exception cref="ModelNotReadyException">No model is loaded yet.</exception>
    /// <exception cref="ModelNotFoundException"><paramref name="modelId"/> is not loaded.</exception>
    public LoadedModelInfo ResolveModel(string? modelId)
    {
        var loaded = _loaded;
        if (loaded.Count == 0)
        {
            throw new ModelNotReadyException("No model is loaded yet.");
        }
        return modelId is null
            ? loaded[0]
            : loaded.FirstOrDefault(model => string.Equals(model.Id, modelId, StringComparison.Ordinal))
                ?? throw new ModelNotFoundException(modelId, loaded.Select(model => model.Id).ToArray());
    }

    /// <summary>
    /// Embeds already-tokenized inputs. Fails at once (never waits for room) with
    /// <see cref="OverloadedException"/> when too many inputs are admitted, <see cref="ModelNotFoundException"/>
    /// for an unknown <paramref name="modelId"/>, <see cref="BatchTooLargeException"/> over
    /// <c>MaxClientBatchSize</c>. A forward failure surfaces as <see cref="ModelExecutionException"/>;
    /// cancelling <paramref name="cancellationToken"/> cancels the task and drops inputs not yet run.
    /// </summary>
    /// <param name="inputs">Tokenized inputs, at most <c>MaxClientBatchSize</c>.</param>
    /// <param name="modelId">A loaded model id, or null for the model that is active when the request runs.</param>
    /// <param name="cancellationToken">Cancels the caller's wait; inputs not yet run are never computed.</param>
    public Task<EmbeddingResult> EmbedAsync(IReadOnlyList<TokenizedInput> inputs, string? modelId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        try
        {
            return Enqueue(inputs, modelId, cancellationToken);
        }
        catch (SimCseException ex)
        {
            // Refusals come back as an already-faulted task: immediate, yet awaited like any other outcome.
            return Task.FromException<EmbeddingResult>(ex);
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> on the model thread with the active model, between batches. Its
    /// exceptions reach the caller unchanged. Fails with <see cref="ModelNotReadyException"/> without a model.
    /// </summary>
    public Task<T> RunOnModelThreadAsync<T>(Func<IEmbeddingModel, T> action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        return EnqueueCommand(
            changesModels: false,
            () => action(_models.Active ?? throw new ModelNotReadyException("No model is loaded yet.")),
            cancellationToken);
    }

    /// <summary>
    /// Readiness: a real forward pass of a one-word input on the active model, on the model thread.
    /// Fails with <see cref="ModelExecutionException"/> when the model throws or returns a malformed vector.
    /// </summary>
    public Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken = default) =>
        RunOnModelThreadAsync(Probe, cancellationToken);

    /// <summary>
    /// Makes <paramref name="model"/> the active model. The batch in flight finishes on the old model and
    /// the next one uses the new; a request already split across batches finishes on the old model first.
    /// The old model stays loaded if <c>PreviousModelsToKeep</c> allows, otherwise the model thread
    /// disposes it. Completes once requests without a model id are served by the new model. If the task
    /// fails (the runtime is stopping), the caller still owns <paramref name="model"/>.
    /// </summary>
    public Task SwapAsync(IEmbeddingModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return EnqueueCommand(changesModels: true, () => Activate(model), CancellationToken.None);
    }

    /// <summary>Makes an already loaded (previous) model active again; <see cref="ModelNotFoundException"/> if it is not loaded.</summary>
    public Task ActivateAsync(string modelId)
    {
        ArgumentNullException.ThrowIfNull(modelId);
        return EnqueueCommand(
            changesModels: true,
            () => Activate(_models.Find(modelId) ?? throw new ModelNotFoundException(modelId, _models.Ids)),
            CancellationToken.None);
    }

    /// <summary>Stops the model thread after its current batch, fails queued work with <see cref="ModelNotReadyException"/>, and disposes every model.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _stopping = true;
            Monitor.PulseAll(_gate);
        }

        await _stopped.Task;
    }

    private Task<EmbeddingResult> Enqueue(IReadOnlyList<TokenizedInput> inputs, string? modelId, CancellationToken cancellationToken)
    {
        if (inputs.Count == 0)
        {
            throw new InvalidInputException("At least one input is required.");
        }

        if (inputs.Count > _options.MaxClientBatchSize)
        {
            throw new BatchTooLargeException(inputs.Count, _options.MaxClientBatchSize);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<EmbeddingResult>(cancellationToken);
        }

        ResolveModel(modelId);

        if (!_permits.TryAcquire(inputs.Count))
        {
            throw new OverloadedException(inputs.Count, _permits.Available, EstimateRetryAfter());
        }

        var request = new PendingRequest(inputs.Count, inputs.Sum(i => i.Length), modelId, cancellationToken);
        lock (_gate)
        {
            if (_stopping)
            {
                _permits.Release(inputs.Count);
                throw StoppingError();
            }

            for (var i = 0; i < inputs.Count; i++)
            {
                _queue.Add(new WorkItem(request, i, inputs[i]));
            }

            _metrics.QueueChanged(inputs.Count);
            Monitor.Pulse(_gate);
        }

        return cancellationToken.CanBeCanceled ? WithCancellation(request) : request.Task;
    }

    private static async Task<EmbeddingResult> WithCancellation(PendingRequest request)
    {
        // The caller gets its cancellation at once; the queued inputs are dropped when they reach the head.
        await using var registration = request.CancellationToken.UnsafeRegister(static state => ((PendingRequest)state!).Cancel(), request);
        return await request.Task;
    }

    private static ModelNotReadyException StoppingError() => new("The model runtime is shutting down.");

    private Task<T> EnqueueCommand<T>(bool changesModels, Func<T> body, CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var command = new ModelCommand(
            changesModels,
            () =>
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    completion.TrySetCanceled(cancellationToken);
                    return;
                }

                try
                {
                    completion.TrySetResult(body());
                }
                catch (Exception ex)
                {
                    completion.TrySetException(ex);
                }
            },
            error => completion.TrySetException(error));

        lock (_gate)
        {
            if (_stopping)
            {
                return Task.FromException<T>(StoppingError());
            }

            _commands.Enqueue(command);
            Monitor.Pulse(_gate);
        }

        return completion.Task.WaitAsync(cancellationToken);
    }

    private Task<bool> EnqueueCommand(bool changesModels, Action body, CancellationToken cancellationToken) =>
        EnqueueCommand(
            changesModels,
            () =>
            {
                body();
                return true;
            },
            cancellationToken);

    private void Activate(IEmbeddingModel model)
    {
        var previous = _models.Active?.Id;
        var released = _models.Activate(model);
        Publish();
        if (!string.Equals(previous, model.Id, StringComparison.Ordinal))
        {
            ModelRuntimeLog.Activated(_logger, model.Id, previous);
        }

        DisposeModels(released);
    }

    private ProbeResult Probe(IEmbeddingModel model)
    {
        var input = model.Tokenizer.Encode("ready", model.Tokenizer.MaxLength);
        var started = Stopwatch.GetTimestamp();
        float[][] vectors;
        try
        {
            vectors = model.Embed([input]);
        }
        catch (Exception ex)
        {
            throw new ModelExecutionException(model.Id, ex);
        }

        var duration = Stopwatch.GetElapsedTime(started);
        if (vectors is not [var vector] || vector.Length != model.Dimensions || !vector.All(float.IsFinite))
        {
            throw new ModelExecutionException(model.Id, $"Model '{model.Id}' returned a malformed probe vector.");
        }

        return new ProbeResult(model.Id, vector.Length, duration);
    }

    private void Run()
    {
        ModelRuntimeLog.Started(_logger, ActiveModelId);
        try
        {
            RunLoop();
        }
        catch (Exception ex)
        {
            // Only a bug gets here (batches and commands catch their own errors); fail loudly, not silently.
            ModelRuntimeLog.Crashed(_logger, ex);
        }
        finally
        {
            Shutdown();
        }
    }

    private void RunLoop()
    {
        long? delayDeadline = null;
        while (true)
        {
            ModelCommand? command = null;
            TakenBatch? batch = null;
            lock (_gate)
            {
                while (command is null && batch is null)
                {
                    if (_stopping)
                    {
                        return;
                    }

                    if (_commands.TryPeek(out var next) && (!next.ChangesModels || !HeadRequestIsPartiallyServedLocked()))
                    {
                        command = _commands.Dequeue();
                    }
                    else if (_queue.Count > 0)
                    {
                        var plan = PlanLocked();
                        if (!plan.IsFull && plan.Batch.Count > 0 && _options.MaxBatchDelay > TimeSpan.Zero)
                        {
                            // Not full yet: give more inputs a chance to arrive, up to MaxBatchDelay.
                            delayDeadline ??= Stopwatch.GetTimestamp() + (long)(_options.MaxBatchDelay.TotalSeconds * Stopwatch.Frequency);
                            var remaining = delayDeadline.Value - Stopwatch.GetTimestamp();
                            if (remaining > 0)
                            {
                                Monitor.Wait(_gate, TimeSpan.FromSeconds((double)remaining / Stopwatch.Frequency));
                                continue;
                            }
                        }

                        batch = TakeLocked(plan);
                        delayDeadline = null;
                    }
                    else
                    {
                        Monitor.Wait(_gate);
                    }
                }
            }

            if (command is not null)
            {
                command.Execute();
            }
            else
            {
                RunBatch(batch!);
            }
        }
    }

    // A request's inputs are contiguous and batches are FIFO prefixes, so a request split across batches
    // is always at the head. Model changes wait for it, so all its vectors come from one model.
    private bool HeadRequestIsPartiallyServedLocked() => _queue.Count > 0 && _queue[0].Request.IsPartiallyServed;

    private BatchPlan PlanLocked()
    {
        var activeId = _models.Active?.Id;
        var items = new QueuedItem[_queue.Count];
        for (var i = 0; i < items.Length; i++)
        {
            var request = _queue[i].Request;
            items[i] = new QueuedItem(_queue[i].Input.Length, request.IsAbandoned, request.ResolvedModelId ?? request.ModelId ?? activeId);
        }

        return BatchPlanner.Plan(items, _options);
    }

    private TakenBatch TakeLocked(BatchPlan plan)
    {
        var items = plan.Batch.Select(i => _queue[i]).ToArray();
        var dropped = plan.Dropped.Select(i => _queue[i]).ToArray();
        _queue.RemoveRange(0, plan.Consumed);
        _metrics.QueueChanged(-plan.Consumed);

        var modelId = items.Length > 0 ? items[0].Request.ResolvedModelId ?? items[0].Request.ModelId ?? _models.Active?.Id : null;
        return new TakenBatch(modelId, items, dropped, plan.PaddedTokens);
    }

    private void RunBatch(TakenBatch batch)
    {
        if (batch.Dropped.Length > 0)
        {
            foreach (var item in batch.Dropped)
            {
                item.Request.Cancel();
            }

            _permits.Release(batch.Dropped.Length);
            _metrics.RecordCancelled(batch.Dropped.Length);
            ModelRuntimeLog.Dropped(_logger, batch.Dropped.Length);
        }

        if (batch.Items.Length == 0)
        {
            return;
        }

        try
        {
            Forward(batch);
        }
        finally
        {
            _permits.Release(batch.Items.Length);
        }
    }

    private void Forward(TakenBatch batch)
    {
        var model = batch.ModelId is null ? null : _models.Find(batch.ModelId);
        if (model is null)
        {
            // The model was unloaded between admission and this batch (or none is loaded at all).
            foreach (var item in batch.Items)
            {
                item.Request.Fail(batch.ModelId is null
                    ? new ModelNotReadyException("No model is loaded yet.")
                    : new ModelNotFoundException(batch.ModelId, _models.Ids));
            }

            return;
        }

        foreach (var item in batch.Items)
        {
            if (item.Request.MarkStarted(model.Id) is { } queueTime)
            {
                _metrics.RecordQueueTime(queueTime);
            }
        }

        // Stable sort by length: similar lengths side by side waste less padding inside the model.
        var sorted = batch.Items.OrderBy(item => item.Input.Length).ToArray();
        var inputs = sorted.Select(item => item.Input).ToArray();
        var started = Stopwatch.GetTimestamp();
        float[][] vectors;
        try
        {
            vectors = model.Embed(inputs);
            if (vectors is null || vectors.Length != inputs.Length)
            {
                throw new InvalidOperationException($"The model returned {vectors?.Length ?? 0} vectors for {inputs.Length} inputs.");
            }
        }
        catch (Exception ex)
        {
            // Fail this batch's callers only; the thread lives on for the next batch.
            _metrics.RecordFailedBatch(model.Id);
            ModelRuntimeLog.BatchFailed(_logger, ex, model.Id, inputs.Length, batch.PaddedTokens);
            foreach (var item in sorted)
            {
                item.Request.Fail(new ModelExecutionException(model.Id, ex));
            }

            return;
        }

        var duration = Stopwatch.GetElapsedTime(started);
        UpdateAverageBatchTime(duration);
        _metrics.RecordBatch(model.Id, inputs.Length, batch.PaddedTokens, inputs.Sum(i => i.Length), duration);
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i].Request.Complete(sorted[i].Index, vectors[i]);
        }
    }

    private void Shutdown()
    {
        WorkItem[] pending;
        ModelCommand[] commands;
        lock (_gate)
        {
            _stopping = true;
            pending = [.. _queue];
            commands = [.. _commands];
            _queue.Clear();
            _commands.Clear();
        }

        ModelRuntimeLog.Stopping(_logger, pending.Length, commands.Length);
        _metrics.QueueChanged(-pending.Length);
        _permits.Release(pending.Length);
        foreach (var item in pending)
        {
            item.Request.Fail(StoppingError());
        }

        foreach (var command in commands)
        {
            command.Fail(StoppingError());
        }

        DisposeModels(_models.Clear());
        Publish();
        _stopped.TrySetResult();
    }

    private void Publish() =>
        _loaded = _models.All().Select(model => new LoadedModelInfo(model.Id, model.Dimensions, model.Tokenizer)).ToArray();

    private void DisposeModels(IReadOnlyList<IEmbeddingModel> models)
    {
        foreach (var model in models)
        {
            try
            {
                model.Dispose();
                ModelRuntimeLog.Unloaded(_logger, model.Id);
            }
            catch (Exception ex)
            {
                ModelRuntimeLog.DisposeFailed(_logger, ex, model.Id);
            }
        }
    }

    private void UpdateAverageBatchTime(TimeSpan duration)
    {
        // Exponential moving average, read by callers for Retry-After; a torn estimate would be harmless but long is atomic anyway.
        var previous = Interlocked.Read(ref _averageBatchTicks);
        var next = previous == 0 ? duration.Ticks : (previous * 7 + duration.Ticks) / 8;
        Interlocked.Exchange(ref _averageBatchTicks, next);
    }

    private TimeSpan EstimateRetryAfter()
    {
        var batchesAhead = (_permits.InUse + _options.MaxBatchRequests - 1) / _options.MaxBatchRequests;
        var estimate = TimeSpan.FromTicks(Interlocked.Read(ref _averageBatchTicks) * Math.Max(1, batchesAhead));
        var seconds = Math.Ceiling(Math.Clamp(estimate.TotalSeconds, MinRetryAfter.TotalSeconds, MaxRetryAfter.TotalSeconds));
        return TimeSpan.FromSeconds(seconds);
    }
}

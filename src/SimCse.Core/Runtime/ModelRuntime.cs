using Microsoft.Extensions.Logging;
using SimCse.Core.Batching;
using SimCse.Core.Diagnostics;
using SimCse.Core.Errors;
using SimCse.Core.Models;
using SimCse.Core.Tokenization;

namespace SimCse.Core.Runtime;

/// <summary>
/// Owns the loaded models and the one OS thread that runs them. Callers take admission permits, tokenize
/// on their own thread and enqueue; the model thread takes FIFO batches from the <see cref="WorkQueue"/>
/// and runs exactly the forward passes the <see cref="BatchPlanner"/> shaped (<see cref="BatchExecutor"/>,
/// several at once on its <see cref="ForwardLanes"/>), handing every caller its vectors in input order.
/// Commands (probe, swap, any function) run on the model thread between batches, when no pass is in flight,
/// so swapping models needs no locks around the model.
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

    private readonly BatchingOptions _options;
    private readonly ILogger<ModelRuntime> _logger;
    private readonly AdmissionPermits _permits;
    private readonly RetryAfterEstimate _retryAfter;
    private readonly WorkQueue _queue;
    private readonly ForwardLanes _lanes;
    private readonly BatchExecutor _executor;
    private readonly SharedProbe _probe = new();
    private readonly LoadedModels _models;
    private readonly Thread _thread;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Published by the model thread for callers: loaded models, active first (empty when none).
    private volatile IReadOnlyList<LoadedModelInfo> _loaded = [];
    private volatile bool _crashed;

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
        _logger = logger;
        _permits = new AdmissionPermits(options.MaxConcurrentRequests);
        _retryAfter = new RetryAfterEstimate(options.MaxBatchRequests);
        _queue = new WorkQueue(options, metrics);
        _lanes = new ForwardLanes(options.EffectiveForwardLanes, ThreadName);
        _executor = new BatchExecutor(metrics, logger, _permits, _retryAfter, _lanes);
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
    /// False once the model thread died of a bug (an exception no batch or command caught): the process
    /// can never embed again and should be restarted (liveness fails). Stays true while stopping normally.
    /// </summary>
    public bool IsModelThreadAlive => !_crashed;

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

        if (modelId is null)
        {
            return loaded[0];
        }

        foreach (var model in loaded)
        {
            if (string.Equals(model.Id, modelId, StringComparison.Ordinal))
            {
                return model;
            }
        }

        throw new ModelNotFoundException(modelId, loaded.Select(model => model.Id).ToArray());
    }

    /// <summary>
    /// Takes admission permits for <paramref name="inputs"/> inputs before any work on the request, never
    /// waiting: <see cref="OverloadedException"/> (with a Retry-After) when too few are free,
    /// <see cref="BatchTooLargeException"/> over <c>MaxClientBatchSize</c>, <see cref="InvalidInputException"/> for none.
    /// </summary>
    public AdmissionTicket Admit(int inputs)
    {
        if (inputs < 1)
        {
            throw new InvalidInputException("At least one input is required.");
        }

        if (inputs > _options.MaxClientBatchSize)
        {
            throw new BatchTooLargeException(inputs, _options.MaxClientBatchSize);
        }

        if (!_permits.TryAcquire(inputs))
        {
            throw new OverloadedException(inputs, _permits.Available, _retryAfter.For(_permits.InUse));
        }

        return new AdmissionTicket(_permits, inputs);
    }

    /// <summary>
    /// Embeds already-tokenized inputs, admitting them first (see <see cref="Admit"/>). Fails at once with
    /// <see cref="ModelNotFoundException"/> for an unknown <paramref name="modelId"/>. A forward failure
    /// surfaces as <see cref="ModelExecutionException"/>; cancelling <paramref name="cancellationToken"/>
    /// cancels the task and drops inputs not yet run.
    /// </summary>
    /// <param name="inputs">Tokenized inputs, at most <c>MaxClientBatchSize</c>.</param>
    /// <param name="modelId">A loaded model id, or null for the model that is active when the request runs.</param>
    /// <param name="cancellationToken">Cancels the caller's wait; inputs not yet run are never computed.</param>
    public Task<EmbeddingResult> EmbedAsync(IReadOnlyList<TokenizedInput> inputs, string? modelId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        try
        {
            if (inputs.Count > _options.MaxClientBatchSize)
            {
                throw new BatchTooLargeException(inputs.Count, _options.MaxClientBatchSize);
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return Task.FromCanceled<EmbeddingResult>(cancellationToken);
            }

            ResolveModel(modelId);
            using var ticket = Admit(inputs.Count);
            return Enqueue(ticket, inputs, modelId, cancellationToken);
        }
        catch (SimCseException ex)
        {
            // Refusals come back as an already-faulted task: immediate, yet awaited like any other outcome.
            return Task.FromException<EmbeddingResult>(ex);
        }
    }

    /// <summary>
    /// Embeds inputs admitted earlier with <see cref="Admit"/>; the request takes the ticket's permits over
    /// (when this fails before queueing, e.g. with <see cref="ModelNotFoundException"/>, the caller still
    /// holds them and may retry). Errors and cancellation as in the other overload.
    /// </summary>
    public Task<EmbeddingResult> EmbedAsync(AdmissionTicket ticket, IReadOnlyList<TokenizedInput> inputs, string? modelId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count != ticket.Inputs)
        {
            throw new ArgumentException($"The ticket admits {ticket.Inputs} inputs, not {inputs.Count}.", nameof(inputs));
        }

        if (!ticket.IsHeld)
        {
            throw new InvalidOperationException("The admission ticket was already used.");
        }

        try
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return Task.FromCanceled<EmbeddingResult>(cancellationToken);
            }

            ResolveModel(modelId);
            return Enqueue(ticket, inputs, modelId, cancellationToken);
        }
        catch (SimCseException ex)
        {
            return Task.FromException<EmbeddingResult>(ex);
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> on the model thread with the active model, between batches. Its
    /// exceptions reach the caller unchanged. Fails with <see cref="ModelNotReadyException"/> without a
    /// model, <see cref="OverloadedException"/> when <c>MaxQueuedCommands</c> commands already wait.
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
    /// A real forward pass of a one-word input on the active model, on the model thread. Fails with
    /// <see cref="ModelExecutionException"/> when the model throws or returns a malformed vector.
    /// </summary>
    public Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken = default) =>
        RunOnModelThreadAsync(model => ProbePass.Run(model, _executor), cancellationToken);

    /// <summary>
    /// Readiness, cheap when healthy: a forward pass that succeeded on the active model within
    /// <c>ReadinessMaxAge</c> answers at once; otherwise one probe runs, shared by every concurrent caller
    /// (a caller giving up does not start another). Fails with <see cref="ModelNotReadyException"/> without a
    /// model or a live model thread, <see cref="ModelExecutionException"/> when the probe fails.
    /// </summary>
    public async Task<ReadinessResult> CheckReadinessAsync(CancellationToken cancellationToken = default)
    {
        if (!IsModelThreadAlive)
        {
            throw new ModelNotReadyException("The model thread is not running.");
        }

        var active = ActiveModelId ?? throw new ModelNotReadyException("No model is loaded yet.");
        if (_executor.LastOutcome is { } last && last.IsRecentSuccessOn(active, _options.ReadinessMaxAge))
        {
            return new ReadinessResult(active, Probed: false);
        }

        var probe = await _probe.Join(() => ProbeAsync(CancellationToken.None)).WaitAsync(cancellationToken).ConfigureAwait(false);
        return new ReadinessResult(probe.ModelId, Probed: true);
    }

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
        _queue.Stop();
        await _stopped.Task.ConfigureAwait(false);
    }

    private static ModelNotReadyException StoppingError() => new("The model runtime is shutting down.");

    private static async Task<EmbeddingResult> WithCancellation(PendingRequest request)
    {
        // The caller gets its cancellation at once; the queued inputs are dropped when they reach the head.
        await using var registration = request.CancellationToken.UnsafeRegister(static state => ((PendingRequest)state!).Cancel(), request);
        return await request.Task.ConfigureAwait(false);
    }

    private Task<EmbeddingResult> Enqueue(AdmissionTicket ticket, IReadOnlyList<TokenizedInput> inputs, string? modelId, CancellationToken cancellationToken)
    {
        var tokens = 0;
        foreach (var input in inputs)
        {
            tokens += input.Length;
        }

        var request = new PendingRequest(inputs.Count, tokens, modelId, cancellationToken);
        if (!ticket.TryHandOver())
        {
            throw new InvalidOperationException("The admission ticket was already used.");
        }

        if (!_queue.TryAdd(request, inputs))
        {
            _permits.Release(inputs.Count);
            throw StoppingError();
        }

        return cancellationToken.CanBeCanceled ? WithCancellation(request) : request.Task;
    }

    private Task<T> EnqueueCommand<T>(bool changesModels, Func<T> body, CancellationToken cancellationToken)
    {
        var command = ModelCommand.For(changesModels, body, cancellationToken, out var completion);
        return _queue.TryAdd(command) switch
        {
            CommandAdmission.Queued => completion.WaitAsync(cancellationToken),
            CommandAdmission.Full => Task.FromException<T>(new OverloadedException(
                $"The model thread has {_options.MaxQueuedCommands} commands waiting; retry later.", TimeSpan.FromSeconds(1))),
            _ => Task.FromException<T>(StoppingError()),
        };
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

    private void Run()
    {
        ModelRuntimeLog.Started(_logger, ActiveModelId, _lanes.Count, _options.PassLimits.MaxRows, _options.PassLimits.MaxTokens);
        try
        {
            while (_queue.TryTakeNext(_models.Active?.Id, out var command, out var batch))
            {
                if (command is not null)
                {
                    command.Execute();
                }
                else
                {
                    var model = batch!.ModelId is null ? null : _models.Find(batch.ModelId);
                    _executor.Run(batch, model, () => batch.ModelId is null
                        ? new ModelNotReadyException("No model is loaded yet.")
                        : new ModelNotFoundException(batch.ModelId, _models.Ids));
                }
            }
        }
        catch (Exception ex)
        {
            // Only a bug (or an interrupt) gets here: batches and commands catch their own errors. Fail
            // loudly and make liveness fail, so an orchestrator restarts the process.
            _crashed = true;
            ModelRuntimeLog.Crashed(_logger, ex);
        }
        finally
        {
            Shutdown();
        }
    }

    private void Shutdown()
    {
        _lanes.Dispose();
        _queue.Stop();
        var (pending, commands) = _queue.Drain();
        ModelRuntimeLog.Stopping(_logger, pending.Length, commands.Length);
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
}

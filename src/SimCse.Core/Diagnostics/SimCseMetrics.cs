using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SimCse.Core.Diagnostics;

/// <summary>
/// The service's instruments on one <see cref="Meter"/> named <c>SimCse</c>; the host exports them at
/// <c>/metrics</c>. One instance per process (a DI singleton). Durations are in seconds, as OpenTelemetry
/// and Prometheus expect.
/// </summary>
public sealed class SimCseMetrics : IDisposable
{
    public const string MeterName = "SimCse";

    private const string ModelTag = "model";

    private readonly bool _ownsMeter;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<int> _batchTokens;
    private readonly Histogram<double> _queueDuration;
    private readonly Histogram<double> _inferenceDuration;
    private readonly Counter<long> _inputs;
    private readonly Counter<long> _tokens;
    private readonly Counter<long> _cancelledInputs;
    private readonly Counter<long> _failedBatches;
    private readonly Histogram<double> _tokenizationDuration;
    private readonly Histogram<double> _requestDuration;
    private int _queuedInputs;

    /// <param name="meterFactory">The host's factory (so meters are scoped to the DI container); null creates a meter this instance owns.</param>
    public SimCseMetrics(IMeterFactory? meterFactory = null)
    {
        _ownsMeter = meterFactory is null;
        Meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);

        Meter.CreateObservableGauge(
            "simcse.queue.size",
            () => Volatile.Read(ref _queuedInputs),
            unit: "{input}",
            description: "Inputs waiting for a batch.");
        _batchSize = Meter.CreateHistogram<int>("simcse.batch.size", "{input}", "Inputs per forward pass.");
        _batchTokens = Meter.CreateHistogram<int>("simcse.batch.tokens", "{token}", "Padded tokens (inputs x longest) per forward pass.");
        _queueDuration = Meter.CreateHistogram<double>("simcse.queue.duration", "s", "Time from enqueue until a request's first batch starts.");
        _inferenceDuration = Meter.CreateHistogram<double>("simcse.inference.duration", "s", "Forward pass time per batch.");
        _inputs = Meter.CreateCounter<long>("simcse.inputs", "{input}", "Inputs embedded.");
        _tokens = Meter.CreateCounter<long>("simcse.tokens", "{token}", "Tokens embedded (unpadded).");
        _cancelledInputs = Meter.CreateCounter<long>("simcse.inputs.cancelled", "{input}", "Inputs dropped before their batch ran (cancelled, or their request already failed).");
        _failedBatches = Meter.CreateCounter<long>("simcse.batches.failed", "{batch}", "Forward passes that threw.");
        _tokenizationDuration = Meter.CreateHistogram<double>("simcse.tokenization.duration", "s", "Tokenization time per request, on the request thread.");
        _requestDuration = Meter.CreateHistogram<double>("simcse.request.duration", "s", "Total time per embedding request: tokenization, queue and inference.");
    }

    public Meter Meter { get; }

    /// <summary>Inputs queued right now, across runtimes sharing this instance.</summary>
    public int QueuedInputs => Volatile.Read(ref _queuedInputs);

    internal void QueueChanged(int delta) => Interlocked.Add(ref _queuedInputs, delta);

    internal void RecordQueueTime(TimeSpan queueTime) => _queueDuration.Record(queueTime.TotalSeconds);

    internal void RecordBatch(string modelId, int inputs, int paddedTokens, int tokens, TimeSpan duration)
    {
        var tags = new TagList { { ModelTag, modelId } };
        _batchSize.Record(inputs, tags);
        _batchTokens.Record(paddedTokens, tags);
        _inferenceDuration.Record(duration.TotalSeconds, tags);
        _inputs.Add(inputs, tags);
        _tokens.Add(tokens, tags);
    }

    /// <summary>Publishes <c>simcse.model.active</c> = 1 tagged with the active model id (Prometheus' "info" pattern).</summary>
    public void ObserveActiveModel(Func<string?> activeModelId)
    {
        ArgumentNullException.ThrowIfNull(activeModelId);
        Meter.CreateObservableGauge(
            "simcse.model.active",
            () => activeModelId() is { } id ? [new Measurement<int>(1, new KeyValuePair<string, object?>(ModelTag, id))] : Array.Empty<Measurement<int>>(),
            unit: "{model}",
            description: "The model serving requests without a model id.");
    }

    public void RecordTokenization(TimeSpan duration) => _tokenizationDuration.Record(duration.TotalSeconds);

    public void RecordRequest(string route, TimeSpan duration) =>
        _requestDuration.Record(duration.TotalSeconds, new TagList { { "route", route } });

    internal void RecordCancelled(int inputs) => _cancelledInputs.Add(inputs);

    internal void RecordFailedBatch(string modelId) => _failedBatches.Add(1, new TagList { { ModelTag, modelId } });

    public void Dispose()
    {
        // A factory-made meter belongs to the factory, which disposes it with the container.
        if (_ownsMeter)
        {
            Meter.Dispose();
        }
    }
}

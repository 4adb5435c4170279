using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace SimCse.Core.Tests.Fakes;

/// <summary>Collects measurements from one meter instance (other tests' meters share the name, not the instance).</summary>
public sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<double>> _values = new();

    public MetricRecorder(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => Add(instrument.Name, value));
        _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => Add(instrument.Name, value));
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => Add(instrument.Name, value));
        _listener.Start();
    }

    public IReadOnlyList<double> Values(string instrument) =>
        _values.TryGetValue(instrument, out var values) ? [.. values] : [];

    public double Sum(string instrument) => Values(instrument).Sum();

    /// <summary>Reads observable instruments (gauges) now.</summary>
    public void Observe() => _listener.RecordObservableInstruments();

    public void Dispose() => _listener.Dispose();

    private void Add(string instrument, double value) => _values.GetOrAdd(instrument, _ => new()).Enqueue(value);
}

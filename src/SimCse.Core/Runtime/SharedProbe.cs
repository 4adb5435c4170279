namespace SimCse.Core.Runtime;

/// <summary>
/// Coalesces concurrent readiness probes into one: while a probe is queued or running, every caller
/// waits for that one, so a flood of probes costs one forward pass, not one each.
/// </summary>
internal sealed class SharedProbe
{
    private readonly object _lock = new();
    private Task<ProbeResult>? _inFlight;

    /// <summary>The probe in flight, or a new one from <paramref name="start"/> when none is.</summary>
    public Task<ProbeResult> Join(Func<Task<ProbeResult>> start)
    {
        lock (_lock)
        {
            if (_inFlight is null || _inFlight.IsCompleted)
            {
                _inFlight = start();
            }

            return _inFlight;
        }
    }
}

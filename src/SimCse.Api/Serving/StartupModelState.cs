namespace SimCse.Api.Serving;

/// <summary>
/// What happened to the start-up model: still loading, failed (the service stays unready, with the reason), or
/// the persisted active model failed and the configured one serves instead (shown on that model in /v1/models).
/// </summary>
public sealed class StartupModelState
{
    private volatile string? _failure;
    private volatile StartupFallback? _fallback;

    public string? Failure => _failure;

    /// <summary>The persisted active model that failed to load at start, and why; null when none did.</summary>
    public StartupFallback? FellBack => _fallback;

    public void Fail(string reason) => _failure = reason;

    public void RecordFallback(string modelId, string reason) => _fallback = new StartupFallback(modelId, reason);
}

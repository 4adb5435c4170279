namespace SimCse.Api.Serving;

/// <summary>Why the service is not ready yet: still loading, or the start-up model failed to load.</summary>
public sealed class StartupModelState
{
    private volatile string? _failure;

    public string? Failure => _failure;

    public void Fail(string reason) => _failure = reason;
}

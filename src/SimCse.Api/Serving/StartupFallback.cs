namespace SimCse.Api.Serving;

/// <summary>A persisted active model that did not load at start-up, and why (no paths).</summary>
public sealed record StartupFallback(string ModelId, string Reason);

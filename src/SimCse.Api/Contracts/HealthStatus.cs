namespace SimCse.Api.Contracts;

/// <summary>Health probe answer; <see cref="Model"/> is the active model whose forward pass made the service ready.</summary>
public sealed record HealthStatus(string Status, string? Model = null);

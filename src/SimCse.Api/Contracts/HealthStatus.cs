namespace SimCse.Api.Contracts;

/// <summary>Health probe answer; <see cref="Model"/> is the model that served the readiness forward pass.</summary>
public sealed record HealthStatus(string Status, string? Model = null);

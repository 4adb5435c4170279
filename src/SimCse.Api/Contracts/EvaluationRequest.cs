namespace SimCse.Api.Contracts;

/// <summary>Body of <c>POST /v1/evaluations</c>: an uploaded evaluation file and, optionally, the model (default: the active one).</summary>
public sealed record EvaluationRequest(string? Model, string? File);

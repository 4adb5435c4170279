namespace SimCse.Api.Serving;

/// <summary>Vectors (unit length, input order) and the model that produced them.</summary>
public sealed record EmbeddingOutcome(IReadOnlyList<float[]> Vectors, string ModelId, int Tokens, TimeSpan QueueTime);

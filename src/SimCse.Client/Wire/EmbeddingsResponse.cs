namespace SimCse.Client.Wire;

/// <summary>The OpenAI embeddings list, with base64 vectors.</summary>
internal sealed record EmbeddingsResponse(IReadOnlyList<EmbeddingItem> Data, string Model, TokenUsage? Usage);

namespace SimCse.Client.Wire;

/// <summary>One vector as little-endian float32 bytes in base64.</summary>
internal sealed record EmbeddingItem(int Index, string Embedding);

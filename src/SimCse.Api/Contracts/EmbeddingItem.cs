namespace SimCse.Api.Contracts;

/// <summary>One vector: an array of floats, or a base64 string of little-endian float32 when asked for.</summary>
public sealed record EmbeddingItem(int Index, object Embedding)
{
    public string Object => "embedding";
}

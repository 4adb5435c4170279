namespace SimCse.Api.Contracts;

/// <summary>OpenAI embeddings list.</summary>
public sealed record EmbeddingsResponse(IReadOnlyList<EmbeddingItem> Data, string Model, Usage Usage)
{
    public string Object => "list";
}

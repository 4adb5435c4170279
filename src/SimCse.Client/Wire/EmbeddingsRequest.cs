namespace SimCse.Client.Wire;

/// <summary>The <c>POST /v1/embeddings</c> body this client sends (always base64: a quarter of the JSON of floats).</summary>
internal sealed record EmbeddingsRequest(IReadOnlyList<string> Input, string? Model, int? Dimensions, string EncodingFormat = "base64");

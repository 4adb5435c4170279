namespace SimCse.Api.Contracts;

/// <summary>OpenAI <c>POST /v1/embeddings</c> body.</summary>
public sealed record EmbeddingsRequest
{
    /// <summary>A string or an array of strings to embed.</summary>
    public TextInput? Input { get; init; }

    /// <summary>A loaded model id; absent = the active model.</summary>
    public string? Model { get; init; }

    /// <summary><c>float</c> (default) or <c>base64</c> (little-endian float32).</summary>
    public string? EncodingFormat { get; init; }

    /// <summary>Keep the first N dimensions, then re-normalise (Matryoshka-style truncation).</summary>
    public int? Dimensions { get; init; }

    /// <summary>Accepted for OpenAI compatibility; not stored or logged.</summary>
    public string? User { get; init; }
}

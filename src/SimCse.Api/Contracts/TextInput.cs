using System.Text.Json.Serialization;

namespace SimCse.Api.Contracts;

/// <summary>
/// OpenAI's <c>input</c>: one string or an array of strings (<see cref="Texts"/>), or token ids as one
/// <c>int[]</c> or an <c>int[][]</c> (<see cref="TokenIds"/>, then <see cref="Texts"/> is empty). Token ids
/// are ids of the served model's vocabulary, as TEI reads them; only <c>/v1/embeddings</c> takes them.
/// </summary>
[JsonConverter(typeof(TextInputJsonConverter))]
public sealed record TextInput(IReadOnlyList<string> Texts)
{
    /// <summary>Pre-tokenized inputs, one id array per input; null for text input.</summary>
    public IReadOnlyList<int[]>? TokenIds { get; init; }
}

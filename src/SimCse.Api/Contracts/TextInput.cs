using System.Text.Json.Serialization;

namespace SimCse.Api.Contracts;

/// <summary>OpenAI's <c>input</c>: one string or an array of strings, normalised to a list.</summary>
[JsonConverter(typeof(TextInputJsonConverter))]
public sealed record TextInput(IReadOnlyList<string> Texts);

using SimCse.Core.Tokenization;

namespace SimCse.Core.Runtime;

/// <summary>
/// What request threads may know about a loaded model: its id, width and (thread-safe) tokenizer, never
/// the model itself, which only the model thread touches.
/// </summary>
public sealed record LoadedModelInfo(string Id, int Dimensions, ITextTokenizer Tokenizer);

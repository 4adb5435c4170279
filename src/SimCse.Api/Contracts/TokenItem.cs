namespace SimCse.Api.Contracts;

/// <summary>A token with its [Start, End) character span in the input ((0, 0) for added special tokens).</summary>
public sealed record TokenItem(int Id, string Text, int Start, int End, bool Special);

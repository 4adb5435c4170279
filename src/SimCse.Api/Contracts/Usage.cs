namespace SimCse.Api.Contracts;

/// <summary>Tokens the model actually processed (special tokens included, after truncation).</summary>
public sealed record Usage(int PromptTokens, int TotalTokens);

namespace SimCse.Client.Wire;

/// <summary>OpenAI <c>usage</c>.</summary>
internal sealed record TokenUsage(int PromptTokens, int TotalTokens);

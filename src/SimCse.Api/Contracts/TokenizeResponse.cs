namespace SimCse.Api.Contracts;

/// <summary>Per input, the tokens the model sees (after truncation).</summary>
public sealed record TokenizeResponse(string Model, IReadOnlyList<IReadOnlyList<TokenItem>> Tokens);

namespace SimCse.Client.Wire;

/// <summary><c>POST /v1/similarity</c>: a source with candidates, or pairs.</summary>
internal sealed record SimilarityRequest(string? Source, IReadOnlyList<string>? Candidates, IReadOnlyList<IReadOnlyList<string>>? Pairs, string? Model);

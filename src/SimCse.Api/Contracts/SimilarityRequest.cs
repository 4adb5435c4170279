namespace SimCse.Api.Contracts;

/// <summary><c>POST /v1/similarity</c>: either <see cref="Source"/> with <see cref="Candidates"/>, or <see cref="Pairs"/>.</summary>
public sealed record SimilarityRequest
{
    public string? Source { get; init; }

    public IReadOnlyList<string?>? Candidates { get; init; }

    public IReadOnlyList<IReadOnlyList<string?>?>? Pairs { get; init; }

    public string? Model { get; init; }
}

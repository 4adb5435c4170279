namespace SimCse.Api.Contracts;

/// <summary>Cosine similarities in candidate (or pair) order.</summary>
public sealed record SimilarityResponse(string Model, IReadOnlyList<double> Scores, Usage Usage)
{
    public string Object => "similarity";
}

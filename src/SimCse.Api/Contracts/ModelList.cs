namespace SimCse.Api.Contracts;

/// <summary>OpenAI model list, paged like every list (<c>has_more</c>).</summary>
public sealed record ModelList(IReadOnlyList<ModelObject> Data, bool HasMore = false)
{
    public string Object => "list";
}

namespace SimCse.Api.Contracts;

/// <summary>OpenAI list envelope (<c>{object:"list", data, has_more}</c>).</summary>
public sealed record ListResponse<T>(IReadOnlyList<T> Data, bool HasMore = false)
{
    public string Object => "list";
}

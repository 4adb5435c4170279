using SimCse.Core.Errors;

namespace SimCse.Api.Paging;

/// <summary>
/// OpenAI's cursor paging parameters (<c>?after=&lt;id&gt;&amp;limit=&lt;n&gt;</c>), validated once for every list:
/// <c>limit</c> 1–100 (default 20), <c>after</c> the id of the last item of the previous page.
/// </summary>
public readonly record struct PageQuery(string? After, int Limit)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    /// <summary>Checks the raw query values; a bad one is a 400 that names the parameter.</summary>
    public static PageQuery From(string? after, int? limit)
    {
        int value = limit ?? DefaultLimit;
        if (value is < 1 or > MaxLimit)
        {
            throw new InvalidInputException($"'limit' must be between 1 and {MaxLimit}.");
        }
        if (after is not null && string.IsNullOrWhiteSpace(after))
        {
            throw new InvalidInputException("'after' must not be empty; omit it to start at the first item.");
        }
        return new PageQuery(after, value);
    }
}

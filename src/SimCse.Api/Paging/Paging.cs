using SimCse.Api.Contracts;
using SimCse.Core.Errors;

namespace SimCse.Api.Paging;

/// <summary>Cuts one page out of a list that is already in its final order (in memory).</summary>
public static class Paging
{
    /// <summary>
    /// The items after <see cref="PageQuery.After"/>, at most <see cref="PageQuery.Limit"/> of them, with
    /// <c>has_more</c>. An <c>after</c> that names no item is a 400: a silent empty page would hide a typo.
    /// </summary>
    public static ListResponse<T> Page<T>(IReadOnlyList<T> ordered, Func<T, string> idOf, PageQuery query)
    {
        ArgumentNullException.ThrowIfNull(ordered);
        ArgumentNullException.ThrowIfNull(idOf);
        int start = 0;
        if (query.After is not null)
        {
            int index = IndexOf(ordered, idOf, query.After);
            if (index < 0)
            {
                throw new InvalidInputException("'after' names no item of this list.");
            }
            start = index + 1;
        }
        int count = Math.Min(query.Limit, ordered.Count - start);
        T[] page = new T[count];
        for (int i = 0; i < count; i++)
        {
            page[i] = ordered[start + i];
        }
        return new ListResponse<T>(page, start + count < ordered.Count);
    }

    /// <summary>
    /// For stores that fetch <c>limit + 1</c> rows past the cursor themselves: the extra row only says that
    /// there is more.
    /// </summary>
    public static ListResponse<T> FromOverFetch<T>(IReadOnlyList<T> fetched, PageQuery query)
    {
        ArgumentNullException.ThrowIfNull(fetched);
        return fetched.Count > query.Limit
            ? new ListResponse<T>(fetched.Take(query.Limit).ToArray(), true)
            : new ListResponse<T>(fetched, false);
    }

    private static int IndexOf<T>(IReadOnlyList<T> items, Func<T, string> idOf, string id)
    {
        for (int i = 0; i < items.Count; i++)
        {
            if (string.Equals(idOf(items[i]), id, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }
}

using SimCse.Api.Contracts;
using SimCse.Api.Paging;
using SimCse.Core.Errors;

namespace SimCse.Api.Tests.Paging;

/// <summary>The one cursor-paging primitive every list uses.</summary>
public sealed class PagingTests
{
    private static readonly string[] Items = ["a", "b", "c", "d", "e"];

    [Fact]
    public void PagesFollowEachOtherWithoutGapsOrRepeats()
    {
        var seen = new List<string>();
        string? after = null;
        bool more = true;
        while (more)
        {
            ListResponse<string> page = SimCse.Api.Paging.Paging.Page(Items, item => item, PageQuery.From(after, 2));
            seen.AddRange(page.Data);
            more = page.HasMore;
            after = page.Data[^1];
        }

        Assert.Equal(Items, seen);
    }

    [Fact]
    public void TheLastPageSaysThereIsNoMore()
    {
        ListResponse<string> page = SimCse.Api.Paging.Paging.Page(Items, item => item, PageQuery.From("c", 2));

        Assert.Equal(["d", "e"], page.Data);
        Assert.False(page.HasMore);
        Assert.Empty(SimCse.Api.Paging.Paging.Page(Items, item => item, PageQuery.From("e", 5)).Data);
    }

    [Fact]
    public void DefaultsToTwentyItems()
    {
        string[] many = [.. Enumerable.Range(0, 25).Select(i => $"i{i:00}")];

        ListResponse<string> page = SimCse.Api.Paging.Paging.Page(many, item => item, PageQuery.From(null, null));

        Assert.Equal(PageQuery.DefaultLimit, page.Data.Count);
        Assert.True(page.HasMore);
    }

    [Theory]
    [InlineData(null, 0, "limit")]
    [InlineData(null, 101, "limit")]
    [InlineData(null, -1, "limit")]
    [InlineData("", 5, "after")]
    [InlineData("  ", 5, "after")]
    public void BadParametersAre400NamingTheParameter(string? after, int limit, string name)
    {
        var error = Assert.Throws<InvalidInputException>(() => PageQuery.From(after, limit));

        Assert.Contains($"'{name}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAfterThatNamesNoItemIs400()
    {
        var error = Assert.Throws<InvalidInputException>(() => SimCse.Api.Paging.Paging.Page(Items, item => item, PageQuery.From("zz", 2)));

        Assert.Contains("'after'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OverFetchedRowsOnlySayThereIsMore()
    {
        ListResponse<string> more = SimCse.Api.Paging.Paging.FromOverFetch(["a", "b", "c"], PageQuery.From(null, 2));
        ListResponse<string> last = SimCse.Api.Paging.Paging.FromOverFetch(["a", "b"], PageQuery.From(null, 2));

        Assert.Equal(["a", "b"], more.Data);
        Assert.True(more.HasMore);
        Assert.False(last.HasMore);
    }
}

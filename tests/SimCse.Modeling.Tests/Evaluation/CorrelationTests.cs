using SimCse.Modeling.Evaluation;

namespace SimCse.Modeling.Tests.Evaluation;

public sealed class CorrelationTests
{
    [Fact]
    public void TiedValuesShareTheirAverageRank() =>
        Assert.Equal(new[] { 2, 3.5, 3.5, 1 }, Correlation.Ranks([10, 20, 20, 5]));

    [Fact]
    public void MatchesScipyWithTies() =>
        // scipy.stats.spearmanr([1, 2, 2, 3], [1, 3, 2, 4]).statistic
        Assert.Equal(0.9486832980505138, Correlation.Spearman([1, 2, 2, 3], [1, 3, 2, 4]), 12);

    [Fact]
    public void OnlyOrderMatters()
    {
        Assert.Equal(1.0, Correlation.Spearman([1, 2, 3, 4], [1, 10, 100, 1000]), 12);
        Assert.Equal(-1.0, Correlation.Spearman([1, 2, 3, 4], [9, 7, 5, -3]), 12);
    }

    [Fact]
    public void RejectsSeriesOfDifferentLengths() =>
        Assert.Throws<ArgumentException>(() => Correlation.Spearman([1, 2, 3], [1, 2]));
}

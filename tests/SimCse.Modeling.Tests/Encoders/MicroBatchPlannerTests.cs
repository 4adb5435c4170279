using SimCse.Modeling.Encoders;

namespace SimCse.Modeling.Tests.Encoders;

public sealed class MicroBatchPlannerTests
{
    [Fact]
    public void EveryInputIsPlannedExactlyOnce()
    {
        int[] lengths = Enumerable.Range(0, 200).Select(i => 3 + (i * 37 % 120)).ToArray();

        IReadOnlyList<int[]> groups = MicroBatchPlanner.Plan(lengths, maxRows: 32, maxPaddedTokens: 2048, maxPaddingFraction: 0.2);

        Assert.Equal(Enumerable.Range(0, 200), groups.SelectMany(group => group).Order());
    }

    [Fact]
    public void GroupsRespectRowsTokensAndPadding()
    {
        int[] lengths = Enumerable.Range(0, 300).Select(i => 3 + (i * 53 % 200)).ToArray();

        foreach (int[] group in MicroBatchPlanner.Plan(lengths, maxRows: 16, maxPaddedTokens: 1024, maxPaddingFraction: 0.25))
        {
            int longest = group.Max(index => lengths[index]);
            long padded = (long)group.Length * longest;
            Assert.True(group.Length <= 16);
            Assert.True(group.Length == 1 || padded <= 1024, $"{padded} padded tokens");
            Assert.True(padded - group.Sum(index => lengths[index]) <= 0.25 * padded);
        }
    }

    [Fact]
    public void SimilarLengthsShareOnePass()
    {
        int[] lengths = [10, 11, 10, 12, 11, 10];

        Assert.Single(MicroBatchPlanner.Plan(lengths, maxRows: 32, maxPaddedTokens: 2048, maxPaddingFraction: 0.2));
    }

    [Fact]
    public void ShortAndLongInputsAreSeparated()
    {
        int[] lengths = [5, 120, 6, 118, 5];

        IReadOnlyList<int[]> groups = MicroBatchPlanner.Plan(lengths, maxRows: 32, maxPaddedTokens: 4096, maxPaddingFraction: 0.2);

        Assert.Equal([[0, 4, 2], [3, 1]], groups);
    }

    [Fact]
    public void AnInputLongerThanTheTokenBudgetStillRunsAlone()
    {
        IReadOnlyList<int[]> groups = MicroBatchPlanner.Plan([512, 512], maxRows: 32, maxPaddedTokens: 256, maxPaddingFraction: 0.2);

        Assert.Equal([[0], [1]], groups);
    }
}

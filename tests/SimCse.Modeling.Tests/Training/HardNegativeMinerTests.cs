using SimCse.Modeling.Data;
using SimCse.Modeling.Training;

namespace SimCse.Modeling.Tests.Training;

[Collection(TorchRandomStateGroup.Name)]
public class HardNegativeMinerTests
{
    // 2-d "embeddings" by angle (degrees), so every cosine is known.
    private static readonly Dictionary<string, double> Angles = new(StringComparer.Ordinal)
    {
        ["anchor a"] = 0, ["positive a"] = 10, ["near duplicate of positive a"] = 12, ["other positive of a"] = 5,
        ["hard for a"] = 40, ["easy"] = 170,
        ["anchor b"] = 90, ["positive b"] = 95, ["hard for b"] = 120,
        ["anchor x"] = 60, ["anchor c"] = 200, ["anchor d"] = 300,
    };

    private static float[][] Embed(IReadOnlyList<string> texts) =>
        texts.Select(t => new[] { (float)Math.Cos(Angles[t] * Math.PI / 180), (float)Math.Sin(Angles[t] * Math.PI / 180) }).ToArray();

    [Fact]
    public void Takes_the_nearest_candidate_below_the_margin_and_never_an_own_positive()
    {
        TrainingTriplet[] pairs =
        [
            new("anchor a", "positive a"),
            new("anchor a", "other positive of a"),
            new("anchor x", "near duplicate of positive a", "easy"),
            new("anchor b", "positive b"),
            new("anchor c", "hard for a"),
            new("anchor d", "hard for b"),
        ];

        // cos(a, positive a) = cos 10° = 0.985; margin 0.01 → candidates ≤ 0.975: 12° (0.978) is skipped, 40° is taken.
        HardNegativeMining mining = HardNegativeMiner.Mine(pairs, Embed, margin: 0.01);

        Assert.Equal(5, mining.PairsWithoutNegative);
        Assert.Equal("hard for a", mining.Triplets[0].Negative);
        Assert.NotEqual("positive a", mining.Triplets[1].Negative);
        Assert.NotEqual("other positive of a", mining.Triplets[0].Negative);
        Assert.Equal("easy", mining.Triplets[2].Negative);
        Assert.Equal("hard for b", mining.Triplets[3].Negative);
        // anchor d (300°) is opposite its positive (120°): no candidate is 0.01 below cos = -1.
        Assert.Null(mining.Triplets[5].Negative);
        Assert.Equal(4, mining.Mined);
    }

    [Fact]
    public void A_larger_margin_skips_more_and_leaves_pairs_without_a_candidate_unmined()
    {
        TrainingTriplet[] pairs = [new("anchor a", "positive a"), new("anchor b", "positive b")];
        HardNegativeMining strict = HardNegativeMiner.Mine(pairs, Embed, margin: 1.5);
        Assert.Equal(0, strict.Mined);
        Assert.All(strict.Triplets, t => Assert.Null(t.Negative));
        HardNegativeMining loose = HardNegativeMiner.Mine(pairs, Embed, margin: 0.0);
        Assert.Equal(2, loose.Mined);
        Assert.Equal("positive b", loose.Triplets[0].Negative);
    }
}

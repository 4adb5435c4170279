using SimCse.Core.Tokenization;
using SimCse.Modeling.Encoders;
using SimCse.Modeling.Loading;
using SimCse.Modeling.Runtime;
using static TorchSharp.torch;

namespace SimCse.Modeling.Tests.Runtime;

public sealed class PassThreadPolicyTests
{
    [Fact]
    public void SmallPassesRunOnOneThreadWhenTheCalibrationMeasuredOneThreadFaster()
    {
        // A fake forward: twice as slow on two threads as on one, whatever the size.
        var sizes = new List<int>();
        var policy = new PassThreadPolicy(2, tokens =>
        {
            sizes.Add(tokens);
            return get_num_threads() == 1 ? 1.0 : 2.0;
        });

        Assert.Null(policy.SmallPassTokens);
        Assert.Equal(2, policy.ThreadsFor(paddedTokens: 400, concurrentPasses: 1));
        Assert.Empty(sizes);
        Assert.Equal(1, policy.ThreadsFor(paddedTokens: 14, concurrentPasses: 1));
        Assert.Equal(PassThreadPolicy.LargestSmallPass, policy.SmallPassTokens);
        Assert.All(sizes, size => Assert.Equal(PassThreadPolicy.LargestSmallPass, size));
        Assert.Equal(1, policy.ThreadsFor(paddedTokens: PassThreadPolicy.LargestSmallPass, concurrentPasses: 1));
        Assert.Equal(2, policy.ThreadsFor(paddedTokens: PassThreadPolicy.LargestSmallPass + 1, concurrentPasses: 1));
    }

    [Fact]
    public void SmallPassesKeepEveryThreadWhenOneThreadMeasuredSlower()
    {
        var policy = new PassThreadPolicy(2, _ => get_num_threads() == 1 ? 3.0 : 2.0);

        Assert.Equal(2, policy.ThreadsFor(paddedTokens: 8, concurrentPasses: 1));
        Assert.Equal(0, policy.SmallPassTokens);
    }

    [Fact]
    public void ConcurrentPassesShareTheThreadsWithoutCalibrating()
    {
        var policy = new PassThreadPolicy(8, _ => throw new InvalidOperationException("no calibration expected"));

        Assert.Equal(4, policy.ThreadsFor(paddedTokens: 500, concurrentPasses: 2));
        Assert.Equal(2, policy.ThreadsFor(paddedTokens: 10, concurrentPasses: 3));
        Assert.Equal(1, policy.ThreadsFor(paddedTokens: 10, concurrentPasses: 16));
        Assert.Equal(0, PassThreadPolicy.Unchanged.ThreadsFor(10, 1));
    }

    [Fact]
    public void AThreadCountScopeRestoresTheCallingThreadsCount()
    {
        int before = get_num_threads();
        using (PassThreadPolicy.Use(before + 1))
        {
            Assert.Equal(before + 1, get_num_threads());
        }
        Assert.Equal(before, get_num_threads());
        using (PassThreadPolicy.Use(0))
        {
            Assert.Equal(before, get_num_threads());
        }
    }

    [Fact]
    public void PassesSharingTheCoresOnTwoThreadsGiveTheVectorsOfPassesRunAlone()
    {
        using SentenceEncoder encoder = ModelLoader.FromArtifacts("tiny", TinyBert.Create(), new EncoderOptions { Device = "cpu" });
        string[] texts = ["the cat sat on the mat", "a dog", "the man is playing guitar", "a woman is slicing an onion"];
        TokenizedInput[][] passes = texts
            .Select(text => new[] { encoder.Tokenizer.Encode(text, encoder.MaxLength), encoder.Tokenizer.Encode("a cat", encoder.MaxLength) })
            .ToArray();
        float[][][] alone = passes.Select(pass => encoder.Embed(pass)).ToArray();
        int threadsBefore = get_num_threads();

        var shared = new float[passes.Length][][];
        Parallel.For(0, passes.Length, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i => shared[i] = encoder.Embed(passes[i], concurrentPasses: 2));

        for (int i = 0; i < passes.Length; i++)
        {
            for (int row = 0; row < passes[i].Length; row++)
            {
                Assert.True(Cosine.Of(alone[i][row], shared[i][row]) >= 0.99999, $"pass {i} row {row} moved");
            }
        }
        Assert.Equal(threadsBefore, get_num_threads());
    }
}

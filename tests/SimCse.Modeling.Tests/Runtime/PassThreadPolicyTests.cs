using SimCse.Core.Tokenization;
using SimCse.Modeling.Encoders;
using SimCse.Modeling.Loading;
using SimCse.Modeling.Runtime;
using static TorchSharp.torch;

namespace SimCse.Modeling.Tests.Runtime;

public sealed class PassThreadPolicyTests
{
    [Fact]
    public void ConcurrentPassesShareTheThreadsAndAPassAloneKeepsTheCallersCount()
    {
        var policy = new PassThreadPolicy(8);

        Assert.Equal(4, policy.ThreadsFor(concurrentPasses: 2));
        Assert.Equal(2, policy.ThreadsFor(concurrentPasses: 3));
        Assert.Equal(1, policy.ThreadsFor(concurrentPasses: 16));
        Assert.Equal(0, policy.ThreadsFor(concurrentPasses: 1));
        Assert.Equal(0, PassThreadPolicy.Unchanged.ThreadsFor(2));
    }

    [Fact]
    public void AThreadCountScopeRestoresTheCallingThreadsCount()
    {
        int before = get_num_threads();
        using (new ThreadCountScope(before + 1))
        {
            Assert.Equal(before + 1, get_num_threads());
        }
        Assert.Equal(before, get_num_threads());
        using (new ThreadCountScope(0))
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

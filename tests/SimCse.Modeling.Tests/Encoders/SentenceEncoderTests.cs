using SimCse.Modeling.Encoders;
using SimCse.Modeling.Loading;
using SimCse.Modeling.Pooling;

namespace SimCse.Modeling.Tests.Encoders;

public sealed class SentenceEncoderTests
{
    private static readonly EncoderOptions Cpu = new() { Device = "cpu" };

    [Theory]
    [InlineData(PoolingMode.Mean)]
    [InlineData(PoolingMode.Cls)]
    [InlineData(PoolingMode.ClsBeforePooler)]
    [InlineData(PoolingMode.FirstLastAvg)]
    public void PaddingDoesNotChangeAVector(PoolingMode pooling)
    {
        using SentenceEncoder encoder = ModelLoader.FromArtifacts("tiny", TinyBert.Create(pooling), Cpu);
        string[] batch = ["dog", "the man is playing guitar on the mat , the woman is slicing an onion !", "a cat sat"];

        float[][] together = encoder.EmbedTexts(batch);

        for (int i = 0; i < batch.Length; i++)
        {
            Assert.True(Cosine.Of(encoder.EmbedTexts([batch[i]])[0], together[i]) >= 0.99999, $"sentence {i} moved when padded");
        }
    }

    [Fact]
    public void VectorsAreUnitLength()
    {
        using SentenceEncoder encoder = ModelLoader.FromArtifacts("tiny", TinyBert.Create(), Cpu);

        foreach (float[] vector in encoder.EmbedTexts(["the cat", "a dog sat on the mat"]))
        {
            Assert.Equal(1.0, Math.Sqrt(vector.Sum(value => (double)value * value)), 5);
        }
    }

    [Fact]
    public void InferenceLeavesNoTensorsBehind()
    {
        using SentenceEncoder encoder = ModelLoader.FromArtifacts("tiny", TinyBert.Create(), Cpu);
        encoder.EmbedTexts(["warm up"]);
        long before = TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        for (int i = 0; i < 20; i++)
        {
            encoder.EmbedTexts(["the cat sat on the mat", "a man"]);
        }

        Assert.Equal(before, TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void BFloat16StaysCloseToFloat32()
    {
        ModelArtifacts artifacts = TinyBert.Create();
        using SentenceEncoder full = ModelLoader.FromArtifacts("tiny", artifacts, Cpu);
        using SentenceEncoder half = ModelLoader.FromArtifacts("tiny", artifacts, Cpu with { DType = "bfloat16" });

        double cosine = Cosine.Of(full.EmbedTexts(["the man is playing guitar"])[0], half.EmbedTexts(["the man is playing guitar"])[0]);

        Assert.True(cosine > 0.99, $"bfloat16 cosine {cosine}");
        Assert.Equal(TorchSharp.torch.ScalarType.BFloat16, half.DType);
    }

    [Fact]
    public void UnknownDeviceIsRefused()
    {
        Assert.Throws<ArgumentException>(() => ModelLoader.FromArtifacts("tiny", TinyBert.Create(), Cpu with { Device = "tpu" }));
    }
}

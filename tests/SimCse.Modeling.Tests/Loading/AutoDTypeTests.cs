using SimCse.Modeling.Encoders;
using SimCse.Modeling.Loading;
using SimCse.Modeling.Runtime;
using static TorchSharp.torch;

namespace SimCse.Modeling.Tests.Loading;

public sealed class AutoDTypeTests
{
    [Fact]
    public void AutoFollowsTheCpuFlagsAndTheStartUpCheck()
    {
        DTypeDecision? decision = null;
        using SentenceEncoder encoder = ModelLoader.FromArtifacts("tiny", TinyBert.Create(), new EncoderOptions { Device = "cpu", DType = "auto" }, chosen => decision = chosen);

        Assert.NotNull(decision);
        Assert.Equal("auto", decision.Requested);
        Assert.Equal(decision.DType == "bfloat16" ? ScalarType.BFloat16 : ScalarType.Float32, encoder.DType);
        if (!CpuFeatures.Current.HasNativeBf16)
        {
            Assert.Equal("float32", decision.DType);
        }
        Assert.Contains(decision.DType == "bfloat16" ? "check passed" : "float32", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AutoFallingBackToFloat32KeepsTheWeightsExact()
    {
        ModelArtifacts artifacts = TinyBert.Create();
        DTypeDecision? decision = null;
        using SentenceEncoder encoder = ModelLoader.FromArtifacts("tiny", artifacts, new EncoderOptions { Device = "cpu", DType = "auto" }, chosen => decision = chosen);
        if (decision!.DType != "float32")
        {
            return; // Chose bf16: nothing to restore.
        }

        Assert.All(artifacts.Weights, pair => Assert.True(pair.Value.Bytes.AsSpan().SequenceEqual(BertWeights.Export(encoder.Model)[pair.Key].Bytes), pair.Key));
    }

    [Fact]
    public void ExplicitDTypeIsReportedAsConfigured()
    {
        DTypeDecision? decision = null;
        using SentenceEncoder encoder = ModelLoader.FromArtifacts("tiny", TinyBert.Create(), new EncoderOptions { Device = "cpu", DType = "float32" }, chosen => decision = chosen);

        Assert.Equal(new DTypeDecision("float32", "float32", "configured explicitly"), decision);
        Assert.Equal(LinearKernel.OneDnnPacked, encoder.Model.InferenceKernel);
    }

    [Fact]
    public void StartUpCheckSeesIdenticalVectorsAsCosineOne()
    {
        float[][] vectors = [[0.6f, 0.8f], [1, 0]];

        Assert.Equal(1.0, Bf16QualityCheck.MinimumCosineBetween(vectors, vectors), 6);
        Assert.Equal(0.6, Bf16QualityCheck.MinimumCosineBetween(vectors, [[0.6f, 0.8f], [0.6f, 0.8f]]), 6);
    }
}

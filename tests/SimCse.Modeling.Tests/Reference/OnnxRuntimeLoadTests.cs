using Microsoft.ML.OnnxRuntime;
using SimCse.Modeling.Packaging;

namespace SimCse.Modeling.Tests.Reference;

/// <summary>Proves ONNX Runtime's native library loads on this host and pins the graphs' tensor names the reference relies on.</summary>
public sealed class OnnxRuntimeLoadTests
{
    [Fact]
    public void NativeLibraryReportsItsVersion() =>
        Assert.StartsWith("1.", OrtEnv.Instance().GetVersionString(), StringComparison.Ordinal);

    [Theory]
    [InlineData(PackagedModels.DefaultId)]
    [InlineData("arctic-embed-xs")]
    public void PackagedGraphTakesBertInputsAndGivesHiddenStates(string id)
    {
        using var encoder = OnnxReferenceEncoder.ForPackaged(PackagedModels.Find(id)!);

        Assert.Equal(
            new[] { OnnxReferenceEncoder.AttentionMask, OnnxReferenceEncoder.InputIds, OnnxReferenceEncoder.TokenTypeIds },
            encoder.InputMetadata.Keys.Order(StringComparer.Ordinal));
        Assert.All(encoder.InputMetadata.Values, input => Assert.Equal(typeof(long), input.ElementType));
        Assert.Equal(new[] { -1, -1, 384 }, encoder.OutputMetadata[OnnxReferenceEncoder.LastHiddenState].Dimensions);
        Assert.Equal(384, encoder.Dimensions);
    }
}

using SimCse.Core.Tokenization;

namespace SimCse.Modeling.Tests.Reference;

/// <summary>
/// STS-B dev (1,500 pairs), SimCSE protocol. The expected figures were measured with this repository's
/// tokenizer; ONNX Runtime on the same ids must agree with TorchSharp to well under a tenth of a point.
/// </summary>
[Collection(ReferenceModelsGroup.Name)]
public sealed class StsbSpearmanTests(ReferenceModelsFixture fixture)
{
    [Theory]
    [InlineData("all-MiniLM-L6-v2", 86.72)]
    [InlineData("arctic-embed-xs", 77.79)]
    public void SpearmanMatchesOnnxRuntimeAndPublishedFigure(string id, double expected)
    {
        ReferenceModels models = fixture.Get(id);
        (double[] gold, string[] sentences) = ReferenceSentences.StsbDev();
        TokenizedInput[] inputs = sentences.Select(text => models.Torch.Tokenizer.Encode(text, models.Torch.MaxLength)).ToArray();

        double torch = StsEvaluation.SpearmanTimes100(gold, BatchRunner.EmbedAll(models.Torch.Embed, inputs, 32, sortByLength: true));
        double onnx = StsEvaluation.SpearmanTimes100(gold, BatchRunner.EmbedAll(models.Onnx.Embed, inputs, 32, sortByLength: true));

        Assert.True(Math.Abs(torch - onnx) < 0.05, $"{id}: TorchSharp {torch:F3} vs ONNX Runtime {onnx:F3}.");
        Assert.True(Math.Abs(torch - expected) < 0.1, $"{id}: TorchSharp {torch:F3}, expected {expected:F2} +- 0.1 (ONNX Runtime {onnx:F3}).");
    }
}

using SimCse.Modeling.Onnx;
using SimCse.Modeling.Packaging;

namespace SimCse.Modeling.Tests.Onnx;

/// <summary>Imports the real packaged exports (about 90 MB each) and pins the structure they imply.</summary>
public sealed class PackagedOnnxImportTests
{
    private static readonly string[] ExpectedInputs = ["input_ids", "attention_mask", "token_type_ids"];

    [Fact]
    public void MiniLmImportsAsSixLayerBertWithPooler()
    {
        OnnxBertImport import = OnnxBertWeightImporter.ImportModel(PackagedModels.ReadResource(PackagedModels.MiniLm, "model.onnx"));

        Assert.Equal(new OnnxBertStructure(30522, 384, 6, 1536, 512, 2, HasPooler: true, NumAttentionHeads: 12), import.Structure);
        Assert.Equal(5 + (6 * 16) + 2, import.Weights.Count);
        Assert.Equal(ExpectedInputs, import.InputNames);
        // The torch 1.10 export names the pooler output by its value number.
        Assert.Equal(["last_hidden_state", "924"], import.OutputNames);
        AssertCommonShapes(import);
        Assert.Equal([384L, 384L], import.Weights["pooler.dense.weight"].Shape);
    }

    [Fact]
    public void ArcticXsImportsAsSixLayerBertWithoutPooler()
    {
        OnnxBertImport import = OnnxBertWeightImporter.ImportModel(PackagedModels.ReadResource(PackagedModels.ArcticXs, "model.onnx"));

        Assert.Equal(new OnnxBertStructure(30522, 384, 6, 1536, 512, 2, HasPooler: false, NumAttentionHeads: 12), import.Structure);
        Assert.Equal(5 + (6 * 16), import.Weights.Count);
        Assert.Equal(ExpectedInputs, import.InputNames);
        Assert.Equal(["last_hidden_state"], import.OutputNames);
        AssertCommonShapes(import);
    }

    [Fact]
    public void PackagedHeadCountsMatchTheCatalog()
    {
        foreach (PackagedModel model in PackagedModels.All)
        {
            OnnxBertImport import = OnnxBertWeightImporter.ImportModel(PackagedModels.ReadResource(model, "model.onnx"));
            Assert.Equal(model.NumAttentionHeads, import.Structure.NumAttentionHeads);
        }
    }

    private static void AssertCommonShapes(OnnxBertImport import)
    {
        var weights = import.Weights;
        Assert.Equal([30522L, 384L], weights["embeddings.word_embeddings.weight"].Shape);
        Assert.Equal([512L, 384L], weights["embeddings.position_embeddings.weight"].Shape);
        Assert.Equal([2L, 384L], weights["embeddings.token_type_embeddings.weight"].Shape);
        Assert.Equal([384L, 384L], weights["encoder.layer.5.attention.self.value.weight"].Shape);
        Assert.Equal([1536L, 384L], weights["encoder.layer.5.intermediate.dense.weight"].Shape);
        Assert.Equal([384L, 1536L], weights["encoder.layer.5.output.dense.weight"].Shape);
        Assert.Equal([384L], weights["encoder.layer.5.output.LayerNorm.weight"].Shape);
        Assert.DoesNotContain(weights.Keys, name => name.Contains("position_ids", StringComparison.Ordinal));
        // LayerNorm gains of a trained model sit near 1, never all zero: a cheap check that bytes, not just names, came through.
        float meanGain = weights["encoder.layer.0.output.LayerNorm.weight"].AsFloats().ToArray().Average();
        Assert.InRange(meanGain, 0.2f, 5f);
        Assert.All(weights.Values, tensor => Assert.Equal(tensor.ElementCount * sizeof(float), tensor.Bytes.Length));
    }
}

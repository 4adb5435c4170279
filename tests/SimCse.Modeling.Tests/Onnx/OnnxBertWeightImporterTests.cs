using SimCse.Modeling.Onnx;
using SimCse.Modeling.Weights;

namespace SimCse.Modeling.Tests.Onnx;

public sealed class OnnxBertWeightImporterTests
{
    [Fact]
    public void MatMulWeightIsNamedAfterItsBiasAndTransposedBackToOutIn()
    {
        var weights = OnnxBertWeightImporter.Import(new TinyOnnxModel().ToBytes());

        TensorData intermediate = weights["encoder.layer.0.intermediate.dense.weight"];
        Assert.Equal([TinyOnnxModel.Intermediate, TinyOnnxModel.Hidden], intermediate.Shape);
        ReadOnlySpan<float> values = intermediate.AsFloats();
        for (int row = 0; row < TinyOnnxModel.Intermediate; row++)
        {
            for (int column = 0; column < TinyOnnxModel.Hidden; column++)
            {
                Assert.Equal(TinyOnnxModel.WeightValue(row, column), values[(row * TinyOnnxModel.Hidden) + column]);
            }
        }
        Assert.Equal([TinyOnnxModel.Hidden, TinyOnnxModel.Intermediate], weights["encoder.layer.0.output.dense.weight"].Shape);
        Assert.Equal(TinyOnnxModel.WeightValue(1, 2), weights["encoder.layer.0.attention.self.query.weight"].AsFloats()[(1 * TinyOnnxModel.Hidden) + 2]);
        Assert.Equal([0f, 1f, 2f, 3f], weights["encoder.layer.0.attention.self.query.bias"].AsFloats().ToArray());
        Assert.All(weights.Values, tensor => Assert.Equal(TensorDType.F32, tensor.DType));
    }

    [Fact]
    public void TinyModelStructureIsInferredFromShapesAndTheReshapeConstants()
    {
        OnnxBertImport import = OnnxBertWeightImporter.ImportModel(new TinyOnnxModel(layers: 2, pooler: true).ToBytes());

        Assert.Equal(new OnnxBertStructure(
            VocabSize: TinyOnnxModel.Vocab,
            HiddenSize: TinyOnnxModel.Hidden,
            NumHiddenLayers: 2,
            IntermediateSize: TinyOnnxModel.Intermediate,
            MaxPositionEmbeddings: TinyOnnxModel.Positions,
            TypeVocabSize: 2,
            HasPooler: true,
            NumAttentionHeads: TinyOnnxModel.Heads), import.Structure);
        Assert.Equal(5 + (2 * 16) + 2, import.Weights.Count);
        Assert.Equal(["input_ids"], import.InputNames);
        Assert.Equal(["last_hidden_state"], import.OutputNames);
    }

    [Fact]
    public void BertPrefixIsStripped()
    {
        var weights = OnnxBertWeightImporter.Import(new TinyOnnxModel(prefix: "bert.").ToBytes());

        Assert.Contains("embeddings.word_embeddings.weight", weights.Keys);
        Assert.Contains("encoder.layer.0.attention.self.key.weight", weights.Keys);
        Assert.DoesNotContain(weights.Keys, name => name.StartsWith("bert.", StringComparison.Ordinal));
    }

    [Fact]
    public void FloatDataInitializersWithUnpackedDimsAreReadAsIs()
    {
        float[] pooler = [.. Enumerable.Range(0, TinyOnnxModel.Hidden * TinyOnnxModel.Hidden).Select(index => index * 0.5f)];
        byte[] onnx = new TinyOnnxModel()
            .FloatDataInitializer("pooler.dense.weight", [TinyOnnxModel.Hidden, TinyOnnxModel.Hidden], pooler)
            .FloatDataInitializer("pooler.dense.bias", [TinyOnnxModel.Hidden], [1f, 2f, 3f, 4f])
            .ToBytes();

        var weights = OnnxBertWeightImporter.Import(onnx);

        Assert.Equal(pooler, weights["pooler.dense.weight"].AsFloats().ToArray());
        Assert.Equal([1f, 2f, 3f, 4f], weights["pooler.dense.bias"].AsFloats().ToArray());
    }

    [Fact]
    public void MatMulWeightWithoutANamedBiasIsAnErrorNamingIt()
    {
        byte[] onnx = new TinyOnnxModel().MatMulWithoutBias("onnx::MatMul_999").ToBytes();

        var error = Assert.Throws<InvalidDataException>(() => OnnxBertWeightImporter.Import(onnx));

        Assert.Contains("onnx::MatMul_999", error.Message, StringComparison.Ordinal);
        Assert.Contains("named bias", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("map to no HF name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoWeightsMappedToOneNameIsAnErrorNamingBoth()
    {
        byte[] onnx = new TinyOnnxModel()
            .Linear("stray", TinyOnnxModel.Hidden, TinyOnnxModel.Hidden, biasName: "encoder.layer.0.attention.self.query.bias")
            .ToBytes();

        var error = Assert.Throws<InvalidDataException>(() => OnnxBertWeightImporter.Import(onnx));

        Assert.Contains("encoder.layer.0.attention.self.query.weight", error.Message, StringComparison.Ordinal);
        Assert.Contains("onnx::MatMul_100", error.Message, StringComparison.Ordinal);
        Assert.Contains("several constants", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnmappedFloatWeightIsAnErrorButScalarsAndIntegersAreIgnored()
    {
        var model = new TinyOnnxModel()
            .FloatInitializer("attention_scale", [], [0.5f])
            .FloatDataInitializer("mystery_projection", [3, 3], new float[9]);

        var error = Assert.Throws<InvalidDataException>(() => OnnxBertWeightImporter.Import(model.ToBytes()));

        Assert.Contains("'mystery_projection' [3, 3]", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("attention_scale", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("position_ids", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingAndMisshapenTensorsAreNamed()
    {
        byte[] onnx = new TinyOnnxModel(layers: 2)
            .Named("encoder.layer.3.output.LayerNorm.bias", [TinyOnnxModel.Hidden])
            .ToBytes();

        var error = Assert.Throws<InvalidDataException>(() => OnnxBertWeightImporter.Import(onnx));

        // Layer 3 implies four layers; layer 2 is entirely missing and layer 3 is incomplete.
        Assert.Contains("encoder.layer.2.attention.self.query.weight", error.Message, StringComparison.Ordinal);
        Assert.Contains("encoder.layer.3.output.dense.weight", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongShapeIsNamed()
    {
        byte[] onnx = new TinyOnnxModel()
            .Named("pooler.dense.weight", [TinyOnnxModel.Hidden, TinyOnnxModel.Hidden + 1])
            .Named("pooler.dense.bias", [TinyOnnxModel.Hidden])
            .ToBytes();

        var error = Assert.Throws<InvalidDataException>(() => OnnxBertWeightImporter.Import(onnx));

        Assert.Contains("pooler.dense.weight has shape [4, 5], expected [4, 4]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedModelIsAnError()
    {
        byte[] onnx = new TinyOnnxModel().ToBytes();

        Assert.Throws<InvalidDataException>(() => OnnxBertWeightImporter.Import(onnx[..(onnx.Length / 2)]));
    }
}

using SimCse.Modeling.Encoders;
using SimCse.Modeling.Loading;
using SimCse.Modeling.Weights;

namespace SimCse.Modeling.Tests.Loading;

public sealed class StrictLoadingTests
{
    private static readonly EncoderOptions Cpu = new() { Device = "cpu" };

    [Fact]
    public void MissingTensorIsNamed()
    {
        ModelArtifacts artifacts = TinyBert.Create();
        var weights = new Dictionary<string, TensorData>(artifacts.Weights);
        weights.Remove("encoder.layer.1.attention.self.key.weight");

        var error = Assert.Throws<InvalidDataException>(() => ModelLoader.FromArtifacts("tiny", artifacts with { Weights = weights }, Cpu));

        Assert.Contains("missing tensor 'encoder.layer.1.attention.self.key.weight'", error.Message);
    }

    [Fact]
    public void UnexpectedTensorIsNamed()
    {
        ModelArtifacts artifacts = TinyBert.Create();
        var weights = new Dictionary<string, TensorData>(artifacts.Weights)
        {
            ["cls.predictions.bias"] = TensorData.FromFloats([4], new float[4]),
        };

        var error = Assert.Throws<InvalidDataException>(() => ModelLoader.FromArtifacts("tiny", artifacts with { Weights = weights }, Cpu));

        Assert.Contains("unexpected tensor 'cls.predictions.bias'", error.Message);
    }

    [Fact]
    public void ShapeMismatchIsNamed()
    {
        ModelArtifacts artifacts = TinyBert.Create();
        var weights = new Dictionary<string, TensorData>(artifacts.Weights)
        {
            ["pooler.dense.bias"] = TensorData.FromFloats([31], new float[31]),
        };

        var error = Assert.Throws<InvalidDataException>(() => ModelLoader.FromArtifacts("tiny", artifacts with { Weights = weights }, Cpu));

        Assert.Contains("'pooler.dense.bias' has shape [31], the model expects [32]", error.Message);
    }

    [Fact]
    public void BertPrefixIsAccepted()
    {
        ModelArtifacts artifacts = TinyBert.Create();
        var prefixed = artifacts.Weights.ToDictionary(pair => "bert." + pair.Key, pair => pair.Value);

        using SentenceEncoder plain = ModelLoader.FromArtifacts("tiny", artifacts, Cpu);
        using SentenceEncoder fromPrefixed = ModelLoader.FromArtifacts("tiny", artifacts with { Weights = prefixed }, Cpu);

        Assert.Equal(plain.EmbedTexts(["the cat"])[0], fromPrefixed.EmbedTexts(["the cat"])[0]);
    }

    [Fact]
    public void VocabularyThatDisagreesWithConfigIsRefused()
    {
        ModelArtifacts artifacts = TinyBert.Create();
        byte[] shorter = System.Text.Encoding.UTF8.GetBytes(string.Join('\n', System.Text.Encoding.UTF8.GetString(artifacts.Vocabulary).Split('\n').Skip(1)));

        var error = Assert.Throws<InvalidDataException>(() => ModelLoader.FromArtifacts("tiny", artifacts with { Vocabulary = shorter }, Cpu));

        Assert.Contains("vocab_size", error.Message);
    }

    [Fact]
    public void FlippedByteInWeightsIsRefusedByManifestCheck()
    {
        string folder = TinyBert.NewFolder();
        ModelFolderWriter.Write(TinyBert.Create(), folder, "tiny", null);
        string weightsFile = Path.Combine(folder, "model.safetensors");
        byte[] bytes = File.ReadAllBytes(weightsFile);
        bytes[^5] ^= 0x01;
        File.WriteAllBytes(weightsFile, bytes);

        var error = Assert.Throws<InvalidDataException>(() => ModelLoader.LoadFolder(folder, Cpu));

        Assert.Contains("model.safetensors", error.Message);
    }

    [Fact]
    public void ClsPoolingWithoutPoolerIsRefused()
    {
        ModelArtifacts artifacts = TinyBert.Create(SimCse.Modeling.Pooling.PoolingMode.Cls, withPooler: false);

        var error = Assert.Throws<InvalidDataException>(() => ModelLoader.FromArtifacts("tiny", artifacts, Cpu));

        Assert.Contains("pooler", error.Message);
    }
}

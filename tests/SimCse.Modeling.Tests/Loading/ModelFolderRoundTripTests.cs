using SimCse.Modeling.Encoders;
using SimCse.Modeling.Loading;
using SimCse.Modeling.Pooling;
using SimCse.Modeling.Weights;

namespace SimCse.Modeling.Tests.Loading;

public sealed class ModelFolderRoundTripTests
{
    private static readonly EncoderOptions Cpu = new() { Device = "cpu" };
    private static readonly string[] Sentences = ["the cat sat on the mat.", "a man is playing guitar", "dog"];

    [Theory]
    [InlineData(PoolingMode.Mean)]
    [InlineData(PoolingMode.Cls)]
    [InlineData(PoolingMode.ClsBeforePooler)]
    [InlineData(PoolingMode.FirstLastAvg)]
    public void SavedFolderLoadsBackBitExactly(PoolingMode pooling)
    {
        ModelArtifacts original = TinyBert.Create(pooling);
        string folder = TinyBert.NewFolder();

        ModelManifest manifest = ModelFolderWriter.Write(original, folder, "tiny", baseModel: "random");
        (ModelArtifacts reloaded, ModelManifest? readManifest) = ModelFolderReader.Read(folder);

        Assert.Equal("tiny", readManifest!.ModelId);
        Assert.Equal(manifest.Files, readManifest.Files);
        Assert.Equal(pooling, reloaded.Pooling);
        Assert.Equal(original.MaxLength, reloaded.MaxLength);
        Assert.Equal(original.Vocabulary, reloaded.Vocabulary);
        Assert.Equal(original.Weights.Keys.Order(), reloaded.Weights.Keys.Order());
        foreach ((string name, TensorData tensor) in original.Weights)
        {
            Assert.Equal(tensor.Shape, reloaded.Weights[name].Shape);
            Assert.True(tensor.Bytes.AsSpan().SequenceEqual(reloaded.Weights[name].Bytes), $"{name} changed in the round trip");
        }

        using SentenceEncoder fromMemory = ModelLoader.FromArtifacts("tiny", original, Cpu);
        using SentenceEncoder fromDisk = ModelLoader.LoadFolder(folder, Cpu);
        Assert.Equal("tiny", fromDisk.Id);
        float[][] expected = fromMemory.EmbedTexts(Sentences);
        float[][] actual = fromDisk.EmbedTexts(Sentences);
        for (int i = 0; i < Sentences.Length; i++)
        {
            Assert.Equal(expected[i], actual[i]);
        }
    }

    [Fact]
    public void ExportedWeightsEqualLoadedWeights()
    {
        ModelArtifacts original = TinyBert.Create();
        using SentenceEncoder encoder = ModelLoader.FromArtifacts("tiny", original, Cpu);

        Dictionary<string, TensorData> exported = BertWeights.Export(encoder.Model);

        Assert.All(original.Weights, pair => Assert.True(pair.Value.Bytes.AsSpan().SequenceEqual(exported[pair.Key].Bytes), pair.Key));
    }

    [Fact]
    public void WritingOverAnExistingFolderIsRefused()
    {
        string folder = TinyBert.NewFolder();
        ModelFolderWriter.Write(TinyBert.Create(), folder, "tiny", null);

        Assert.Throws<IOException>(() => ModelFolderWriter.Write(TinyBert.Create(), folder, "tiny", null));
    }

    [Fact]
    public void SentenceTransformersFilesDecidePoolingAndLengthWithoutManifest()
    {
        string folder = TinyBert.NewFolder();
        ModelFolderWriter.Write(TinyBert.Create(PoolingMode.ClsBeforePooler) with { MaxLength = 20 }, folder, "tiny", null);
        File.Delete(Path.Combine(folder, ModelManifest.FileName));

        (ModelArtifacts artifacts, ModelManifest? manifest) = ModelFolderReader.Read(folder);

        Assert.Null(manifest);
        Assert.Equal(PoolingMode.ClsBeforePooler, artifacts.Pooling);
        Assert.Equal(20, artifacts.MaxLength);
    }

    [Fact]
    public void PlainHuggingFaceFolderDefaultsToPoolerClsAndPositionLimit()
    {
        string folder = TinyBert.NewFolder();
        ModelFolderWriter.Write(TinyBert.Create(PoolingMode.Cls), folder, "tiny", null);
        File.Delete(Path.Combine(folder, ModelManifest.FileName));

        (ModelArtifacts artifacts, _) = ModelFolderReader.Read(folder);

        Assert.Equal(PoolingMode.Cls, artifacts.Pooling);
        Assert.Equal(TinyBert.Config.MaxPositionEmbeddings, artifacts.MaxLength);
    }
}

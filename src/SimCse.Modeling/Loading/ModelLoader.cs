using SimCse.Modeling.Bert;
using TorchSharp;
using SimCse.Modeling.Encoders;
using SimCse.Modeling.Packaging;
using SimCse.Modeling.Runtime;
using SimCse.Modeling.Tokenization;

namespace SimCse.Modeling.Loading;

/// <summary>Builds ready-to-serve <see cref="SentenceEncoder"/>s from folders, packaged models or in-memory artifacts.</summary>
public static class ModelLoader
{
    /// <summary>Loads a Hugging Face / sentence-transformers / SimCSE checkpoint folder.</summary>
    /// <param name="folder">The folder.</param>
    /// <param name="options">Device and dtype.</param>
    /// <param name="id">Model id; defaults to the manifest's id, else the folder name.</param>
    public static SentenceEncoder LoadFolder(string folder, EncoderOptions options, string? id = null)
    {
        (ModelArtifacts artifacts, ModelManifest? manifest) = ModelFolderReader.Read(folder);
        string modelId = id ?? manifest?.ModelId ?? new DirectoryInfo(folder).Name;
        return FromArtifacts(modelId, artifacts, options);
    }

    /// <summary>Loads a packaged model, importing its ONNX weights into the data directory's cache on first use.</summary>
    public static SentenceEncoder LoadPackaged(string id, string dataDirectory, EncoderOptions options)
    {
        PackagedModel model = PackagedModels.Find(id)
            ?? throw new ArgumentException($"Unknown packaged model '{id}'. Known: {string.Join(", ", PackagedModels.All.Select(known => known.Id))}.", nameof(id));
        return LoadFolder(PackagedModelImporter.EnsureCached(model, dataDirectory), options, model.Id);
    }

    /// <summary>
    /// Builds the module on the CPU in float32, loads the weights strictly there, then moves it once to
    /// the target dtype and device, where it stays, and freezes a fast inference copy of the encoder
    /// (<see cref="BertModel.FreezeForInference"/>; serving models do not train).
    /// </summary>
    public static SentenceEncoder FromArtifacts(string id, ModelArtifacts artifacts, EncoderOptions options)
    {
        artifacts.Validate();
        TorchPlacement placement = TorchPlacement.Resolve(options);
        var model = new BertModel(artifacts.Config, BertWeights.HasPooler(artifacts.Weights));
        try
        {
            BertWeights.Load(model, artifacts.Weights);
            model.to(placement.DType).to(placement.Device);
            model.FreezeForInference(InferenceKernels.Choose(placement.Device, placement.DType));
            var tokenizer = BertWordPieceTokenizer.FromVocabulary(artifacts.Vocabulary, artifacts.DoLowerCase, artifacts.MaxLength);
            return new SentenceEncoder(id, model, tokenizer, artifacts.Pooling, artifacts.MaxLength, placement, options);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }
}

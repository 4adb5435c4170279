using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SimCse.Api.Configuration;
using SimCse.Api.Serving;
using SimCse.Core.Errors;
using SimCse.Core.Models;
using SimCse.Modeling.Encoders;
using SimCse.Modeling.Loading;
using SimCse.Modeling.Packaging;
using SimCse.Modeling.Runtime;

namespace SimCse.Api.Registry;

/// <summary>
/// Loads a located model onto the configured device and dtype (slow; never on the model thread). A packaged
/// model whose cached folder fails to load is re-imported from its package once: the cache is ours to rebuild.
/// </summary>
public sealed partial class ModelFactory(IOptions<ServingModelOptions> serving, DataPaths paths, ILogger<ModelFactory> logger)
{
    private readonly ConcurrentDictionary<string, DTypeDecision> _dtypes = new(StringComparer.Ordinal);

    /// <exception cref="SimCseException">Unprocessable (422) whatever made the folder unloadable.</exception>
    public IEmbeddingModel Load(ModelLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        try
        {
            return LoadOnce(location);
        }
        catch (Exception ex) when (location.Packaged is not null && IsLoadFailure(ex))
        {
            LogReimporting(logger, location.Id, ex.GetType().Name);
            try
            {
                PackagedModelImporter.DiscardCache(location.Packaged, paths.Root);
                return LoadOnce(location);
            }
            catch (Exception again) when (IsLoadFailure(again))
            {
                throw Unloadable(location, again);
            }
        }
        catch (Exception ex) when (IsLoadFailure(ex))
        {
            throw Unloadable(location, ex);
        }
    }

    private SentenceEncoder LoadOnce(ModelLocation location)
    {
        var placement = new EncoderOptions { Device = serving.Value.Device, DType = serving.Value.DType };
        void Record(DTypeDecision decision)
        {
            _dtypes[location.Id] = decision;
            LogDType(location.Id, decision.DType, decision.Requested, decision.Reason);
        }
        if (location.Packaged is not null)
        {
            ImportIfMissing(location.Packaged);
            return ModelLoader.LoadPackaged(location.Packaged.Id, paths.Root, placement, Record);
        }
        return ModelLoader.LoadFolder(location.Folder!, placement, location.Id, Record);
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

    /// <summary>
    /// A damaged folder fails in many ways (bad JSON, a missing tensor, a wrong shape in libtorch, a missing file):
    /// each means "this model cannot be loaded" to activation, evaluation and start-up alike, never a 500.
    /// </summary>
    private static bool IsLoadFailure(Exception ex) => ex is not (SimCseException or OperationCanceledException or OutOfMemoryException);

    private static SimCseException Unloadable(ModelLocation location, Exception ex) =>
        new(ErrorKind.Unprocessable, $"Model '{location.Id}' failed to load: {ex.GetType().Name}: {ex.Message}", ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cached folder of packaged model {ModelId} failed to load ({Error}); re-importing it from the package")]
    private static partial void LogReimporting(ILogger logger, string modelId, string error);

    /// <summary>The dtype the latest load of <paramref name="id"/> chose, and why; null if never loaded here.</summary>
    public DTypeDecision? DTypeOf(string id) => _dtypes.GetValueOrDefault(id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {ModelId} computes in {DType} (DType={Requested}): {Reason}")]
    private partial void LogDType(string modelId, string dtype, string requested, string reason);
}

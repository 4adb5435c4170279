using Microsoft.Extensions.Options;
using SimCse.Api.Configuration;
using SimCse.Api.Serving;
using SimCse.Core.Errors;
using SimCse.Core.Models;
using SimCse.Modeling.Encoders;
using SimCse.Modeling.Loading;
using SimCse.Modeling.Packaging;

namespace SimCse.Api.Registry;

/// <summary>
/// Loads a located model onto the configured device and dtype (slow; never on the model thread). A packaged
/// model whose cached folder fails to load is re-imported from its package once: the cache is ours to rebuild.
/// </summary>
public sealed partial class ModelFactory(IOptions<ServingModelOptions> serving, DataPaths paths, ILogger<ModelFactory> logger)
{
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
        return location.Packaged is not null
            ? ModelLoader.LoadPackaged(location.Packaged.Id, paths.Root, placement)
            : ModelLoader.LoadFolder(location.Folder!, placement, location.Id);
    }

    /// <summary>
    /// A damaged folder fails in many ways (bad JSON, a missing tensor, a wrong shape in libtorch, a missing file):
    /// each means "this model cannot be loaded" to activation, evaluation and start-up alike, never a 500.
    /// </summary>
    private static bool IsLoadFailure(Exception ex) => ex is not (SimCseException or OperationCanceledException or OutOfMemoryException);

    private static SimCseException Unloadable(ModelLocation location, Exception ex) =>
        new(ErrorKind.Unprocessable, $"Model '{location.Id}' failed to load: {ex.GetType().Name}: {ex.Message}", ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cached folder of packaged model {ModelId} failed to load ({Error}); re-importing it from the package")]
    private static partial void LogReimporting(ILogger logger, string modelId, string error);
}

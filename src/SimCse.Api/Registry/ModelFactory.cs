using Microsoft.Extensions.Options;
using SimCse.Api.Configuration;
using SimCse.Api.Serving;
using SimCse.Core.Errors;
using SimCse.Core.Models;
using SimCse.Modeling.Encoders;
using SimCse.Modeling.Loading;

namespace SimCse.Api.Registry;

/// <summary>Loads a located model onto the configured device and dtype (slow; never on the model thread).</summary>
public sealed class ModelFactory(IOptions<ServingModelOptions> serving, DataPaths paths)
{
    /// <exception cref="SimCseException">Unprocessable (422) whatever made the folder unloadable.</exception>
    public IEmbeddingModel Load(ModelLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var placement = new EncoderOptions { Device = serving.Value.Device, DType = serving.Value.DType };
        try
        {
            return location.Packaged is not null
                ? ModelLoader.LoadPackaged(location.Packaged.Id, paths.Root, placement)
                : ModelLoader.LoadFolder(location.Folder!, placement, location.Id);
        }
        catch (Exception ex) when (ex is not (SimCseException or OperationCanceledException or OutOfMemoryException))
        {
            // A damaged folder fails in many ways (bad JSON, a missing tensor, a wrong shape in libtorch, a missing
            // file): each means "this model cannot be loaded" to activation, evaluation and start-up alike, never a 500.
            throw new SimCseException(ErrorKind.Unprocessable, $"Model '{location.Id}' failed to load: {ex.GetType().Name}: {ex.Message}", ex);
        }
    }
}

using Microsoft.Extensions.Options;
using SimCse.Api.Configuration;
using SimCse.Api.Serving;
using SimCse.Core.Models;
using SimCse.Modeling.Encoders;
using SimCse.Modeling.Loading;

namespace SimCse.Api.Registry;

/// <summary>Loads a located model onto the configured device and dtype (slow; never on the model thread).</summary>
public sealed class ModelFactory(IOptions<ServingModelOptions> serving, DataPaths paths)
{
    public IEmbeddingModel Load(ModelLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var placement = new EncoderOptions { Device = serving.Value.Device, DType = serving.Value.DType };
        return location.Packaged is not null
            ? ModelLoader.LoadPackaged(location.Packaged.Id, paths.Root, placement)
            : ModelLoader.LoadFolder(location.Folder!, placement, location.Id);
    }
}

using Microsoft.Extensions.Options;
using SimCse.Api.Configuration;
using SimCse.Core.Models;
using SimCse.Modeling.Encoders;
using SimCse.Modeling.Loading;

namespace SimCse.Api.Serving;

/// <summary>Loads <c>SimCse:Model:Path</c> when set, else the packaged <c>SimCse:Model:Id</c>.</summary>
public sealed class ConfiguredModelSource(IOptions<ServingModelOptions> model, DataPaths paths) : IStartupModelSource
{
    public IEmbeddingModel Load()
    {
        ServingModelOptions options = model.Value;
        var placement = new EncoderOptions { Device = options.Device, DType = options.DType };
        return string.IsNullOrWhiteSpace(options.Path)
            ? ModelLoader.LoadPackaged(options.Id, paths.Root, placement)
            : ModelLoader.LoadFolder(options.Path, placement, new DirectoryInfo(options.Path).Name);
    }
}

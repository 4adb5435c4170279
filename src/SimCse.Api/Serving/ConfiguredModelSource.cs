using Microsoft.Extensions.Options;
using SimCse.Api.Configuration;
using SimCse.Api.Registry;
using SimCse.Core.Errors;
using SimCse.Core.Models;

namespace SimCse.Api.Serving;

/// <summary>
/// The start-up model: the model last activated through the API (persisted, so an activation survives
/// a restart), else <c>SimCse:Model:Path</c> when set, else the packaged <c>SimCse:Model:Id</c>.
/// </summary>
public sealed partial class ConfiguredModelSource(
    IOptions<ServingModelOptions> serving,
    ModelRegistry registry,
    ModelFactory factory,
    ILogger<ConfiguredModelSource> logger) : IStartupModelSource
{
    public IEmbeddingModel Load()
    {
        string configured = string.IsNullOrWhiteSpace(serving.Value.Path) ? serving.Value.Id : new DirectoryInfo(serving.Value.Path).Name;
        string id = registry.ActiveModelId() ?? configured;
        try
        {
            return factory.Load(registry.Locate(id));
        }
        catch (SimCseException unknown) when (unknown.Kind == ErrorKind.NotFound && id != configured)
        {
            LogPersistedModelGone(logger, id, configured);
            return factory.Load(registry.Locate(configured));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The previously active model {ModelId} is no longer registered; starting with {Configured}")]
    private static partial void LogPersistedModelGone(ILogger logger, string modelId, string configured);
}

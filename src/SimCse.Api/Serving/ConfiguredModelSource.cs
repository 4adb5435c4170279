using Microsoft.Extensions.Options;
using SimCse.Api.Configuration;
using SimCse.Api.Registry;
using SimCse.Core.Errors;
using SimCse.Core.Models;

namespace SimCse.Api.Serving;

/// <summary>
/// The start-up model: the model last activated through the API (persisted, so an activation survives
/// a restart), else <c>SimCse:Model:Path</c> when set, else the packaged <c>SimCse:Model:Id</c>. A persisted
/// model that cannot be loaded, for any reason, never leaves the service unready: the configured model serves,
/// the log says why, and <c>/v1/models</c> shows the failure on the persisted model. The persisted choice is kept,
/// so a transient failure (a full disk, a missing mount) is retried on the next start.
/// </summary>
public sealed partial class ConfiguredModelSource(
    IOptions<ServingModelOptions> serving,
    ModelRegistry registry,
    ModelFactory factory,
    StartupModelState state,
    DataPaths paths,
    ILogger<ConfiguredModelSource> logger) : IStartupModelSource
{
    public IEmbeddingModel Load()
    {
        string configured = string.IsNullOrWhiteSpace(serving.Value.Path) ? serving.Value.Id : new DirectoryInfo(serving.Value.Path).Name;
        string? persisted = PersistedActiveModel();
        if (persisted is null || persisted == configured)
        {
            return factory.Load(registry.Locate(configured));
        }
        try
        {
            return factory.Load(registry.Locate(persisted));
        }
        catch (SimCseException unknown) when (unknown.Kind == ErrorKind.NotFound)
        {
            LogPersistedModelGone(logger, persisted, configured);
            state.RecordFallback(persisted, "no longer registered");
        }
        catch (SimCseException failed)
        {
            string reason = failed.Message.Replace(paths.Root, "<data>", StringComparison.Ordinal);
            LogPersistedModelFailed(logger, persisted, configured, reason);
            state.RecordFallback(persisted, reason);
        }
        return factory.Load(registry.Locate(configured));
    }

    private string? PersistedActiveModel()
    {
        try
        {
            return registry.ActiveModelId();
        }
#pragma warning disable CA1031 // Whatever is wrong with the stored setting, the configured model must still start.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogSettingUnreadable(logger, ex.GetType().Name);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The previously active model {ModelId} is no longer registered; starting with {Configured}")]
    private static partial void LogPersistedModelGone(ILogger logger, string modelId, string configured);

    [LoggerMessage(Level = LogLevel.Error, Message = "The previously active model {ModelId} failed to load at start-up ({Reason}); serving the configured model {Configured} instead (see /v1/models)")]
    private static partial void LogPersistedModelFailed(ILogger logger, string modelId, string configured, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The persisted active model could not be read ({Error}); starting with the configured model")]
    private static partial void LogSettingUnreadable(ILogger logger, string error);
}

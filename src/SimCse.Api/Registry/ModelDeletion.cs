using SimCse.Api.Contracts;
using SimCse.Api.Serving;
using SimCse.Core.Errors;
using SimCse.Core.Runtime;

namespace SimCse.Api.Registry;

/// <summary>
/// <c>DELETE /v1/models/{id}</c>: removes a fine-tuned checkpoint's record and folder. Refused (409, with the
/// reason) for packaged and configured models, the active model, a model
/// still loaded for version pinning, and a checkpoint whose job is still queued or running. Runs under the
/// activator's lock-free checks: an activation racing a deletion fails its load (422) and the old model serves.
/// </summary>
public sealed partial class ModelDeletion(ModelRegistry registry, ModelRuntime runtime, DataPaths paths, ILogger<ModelDeletion> logger)
{
    public async Task<DeletedObject> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        ModelLocation location = registry.Locate(id);
        if (location.Packaged is not null)
        {
            throw new SimCseException(ErrorKind.Conflict, $"'{id}' is a packaged model; packaged models cannot be deleted.");
        }
        if (location.Record is null)
        {
            throw new SimCseException(ErrorKind.Conflict, $"'{id}' is the configured model (SimCse:Model:Path); remove it from the configuration instead.");
        }
        if (runtime.ActiveModelId == id)
        {
            throw new SimCseException(ErrorKind.Conflict, $"'{id}' is the active model; activate another model first.");
        }
        if (runtime.LoadedModelIds.Contains(id))
        {
            throw new SimCseException(ErrorKind.Conflict, $"'{id}' is still loaded for clients pinned to it (SimCse:Serving:KeepPrevious); it can be deleted once later activations have unloaded it.");
        }
        if (await registry.ActiveJobOwningAsync(location.Record, cancellationToken) is { } job)
        {
            throw new SimCseException(ErrorKind.Conflict, $"'{id}' belongs to job '{job}', which is still queued or running; cancel it or wait until it finishes.");
        }

        // The record first: from here on nobody can find, activate or evaluate it; a folder left behind by a
        // failed delete is an unregistered checkpoint, which start-up recovery removes.
        await registry.RemoveAsync(id, CancellationToken.None);
        string folder = location.Folder!;
        if (IsInside(folder, paths.Root) && Directory.Exists(folder))
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException ex)
            {
                LogFolderKept(logger, id, ex);
            }
            catch (UnauthorizedAccessException ex)
            {
                LogFolderKept(logger, id, ex);
            }
        }
        LogDeleted(logger, id);
        return new DeletedObject(id, "model", true);
    }

    /// <summary>Only folders under the data directory are ever deleted, whatever a record says.</summary>
    private static bool IsInside(string folder, string root)
    {
        string relative = Path.GetRelativePath(root, folder);
        return relative != "." && !relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted model {ModelId}")]
    private static partial void LogDeleted(ILogger logger, string modelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleted model {ModelId}'s record, but its folder could not be removed now; start-up recovery removes it")]
    private static partial void LogFolderKept(ILogger logger, string modelId, Exception exception);
}

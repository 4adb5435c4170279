using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SimCse.Api.Configuration;
using SimCse.Api.Persistence;
using SimCse.Api.Serving;
using SimCse.Core.Errors;
using SimCse.Modeling.Packaging;

namespace SimCse.Api.Registry;

/// <summary>
/// Every model the service can serve: the packaged ones, the configured folder, and the folders recorded
/// in the database (fine-tuned checkpoints), plus which one is active across restarts.
/// </summary>
public sealed class ModelRegistry(IDbContextFactory<SimCseDbContext> databases, IOptions<ServingModelOptions> serving, DataPaths paths)
{
    /// <summary>Where a model's weights come from.</summary>
    public ModelLocation Locate(string id)
    {
        if (PackagedModels.Find(id) is { } packaged)
        {
            return new ModelLocation(packaged.Id, packaged, null, packaged.HuggingFaceName, null);
        }
        if (ConfiguredFolderId() is { } configured && configured == id)
        {
            return new ModelLocation(id, null, serving.Value.Path, null, null);
        }
        using SimCseDbContext database = databases.CreateDbContext();
        ModelRecord record = database.Models.AsNoTracking().FirstOrDefault(model => model.Id == id)
            ?? throw new SimCseException(ErrorKind.NotFound, $"Unknown model '{id}'. Known models: {string.Join(", ", KnownIds(database))}.");
        return new ModelLocation(record.Id, null, FolderOf(record), record.BaseModel, record);
    }

    /// <summary>The absolute folder of a recorded model (stored relative to the data directory, so it can move).</summary>
    public string FolderOf(ModelRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return StoredPaths.Resolve(paths.Root, record.Folder);
    }

    /// <summary>Removes a model's record; false when there was none.</summary>
    public async Task<bool> RemoveAsync(string id, CancellationToken cancellationToken)
    {
        await using SimCseDbContext database = await databases.CreateDbContextAsync(cancellationToken);
        return await database.Models.Where(model => model.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    /// <summary>True when a queued or running job still owns the model (its trainer may prune or re-register it).</summary>
    public async Task<string?> ActiveJobOwningAsync(ModelRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.JobId is null)
        {
            return null;
        }
        await using SimCseDbContext database = await databases.CreateDbContextAsync(cancellationToken);
        return await database.Jobs.AsNoTracking()
            .Where(job => job.Id == record.JobId && Jobs.JobStatuses.Active.Contains(job.Status))
            .Select(job => job.Id).FirstOrDefaultAsync(cancellationToken);
    }

    public IReadOnlyList<ModelLocation> List()
    {
        var models = PackagedModels.All.Select(packaged => new ModelLocation(packaged.Id, packaged, null, packaged.HuggingFaceName, null)).ToList();
        if (ConfiguredFolderId() is { } configured)
        {
            models.Add(new ModelLocation(configured, null, serving.Value.Path, null, null));
        }
        using SimCseDbContext database = databases.CreateDbContext();
        models.AddRange(database.Models.AsNoTracking().OrderBy(model => model.CreatedAt).AsEnumerable()
            .Select(record => new ModelLocation(record.Id, null, FolderOf(record), record.BaseModel, record)));
        return models;
    }

    public async Task RegisterAsync(ModelRecord record, CancellationToken cancellationToken)
    {
        await using SimCseDbContext database = await databases.CreateDbContextAsync(cancellationToken);
        database.Models.Add(record);
        await database.SaveChangesAsync(cancellationToken);
    }

    public string? ActiveModelId()
    {
        using SimCseDbContext database = databases.CreateDbContext();
        return database.Settings.AsNoTracking().FirstOrDefault(setting => setting.Key == ServiceSetting.ActiveModelKey)?.Value;
    }

    public async Task SetActiveModelIdAsync(string id, CancellationToken cancellationToken)
    {
        await using SimCseDbContext database = await databases.CreateDbContextAsync(cancellationToken);
        ServiceSetting? setting = await database.Settings.FirstOrDefaultAsync(s => s.Key == ServiceSetting.ActiveModelKey, cancellationToken);
        if (setting is null)
        {
            database.Settings.Add(new ServiceSetting { Key = ServiceSetting.ActiveModelKey, Value = id });
        }
        else
        {
            setting.Value = id;
        }
        await database.SaveChangesAsync(cancellationToken);
    }

    private string? ConfiguredFolderId() =>
        string.IsNullOrWhiteSpace(serving.Value.Path) ? null : new DirectoryInfo(serving.Value.Path).Name;

    private List<string> KnownIds(SimCseDbContext database) =>
        [.. PackagedModels.All.Select(model => model.Id), .. ConfiguredFolderId() is { } id ? new[] { id } : [], .. database.Models.Select(model => model.Id)];
}

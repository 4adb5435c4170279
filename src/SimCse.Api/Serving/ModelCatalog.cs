using Microsoft.Extensions.Options;
using SimCse.Api.Configuration;
using SimCse.Api.Contracts;
using SimCse.Core.Runtime;
using SimCse.Modeling.Loading;
using SimCse.Modeling.Packaging;

namespace SimCse.Api.Serving;

/// <summary>The models this service knows: the packaged ones, the configured folder, and whatever is loaded.</summary>
public sealed class ModelCatalog(ModelRuntime runtime, IOptions<ServingModelOptions> serving, DataPaths paths)
{
    private const string PackagedOwner = "simcse-service";

    public IReadOnlyList<ModelObject> List()
    {
        IReadOnlyList<string> loaded = runtime.LoadedModelIds;
        string? active = runtime.ActiveModelId;
        var models = new List<ModelObject>();
        foreach (PackagedModel packaged in PackagedModels.All)
        {
            ModelManifest? cached = TryReadManifest(PackagedModelImporter.CacheFolder(packaged, paths.Root));
            models.Add(Describe(packaged.Id, cached, packaged.HuggingFaceName, PackagedOwner, loaded, active));
        }
        if (!string.IsNullOrWhiteSpace(serving.Value.Path))
        {
            string id = new DirectoryInfo(serving.Value.Path).Name;
            ModelManifest? manifest = TryReadManifest(serving.Value.Path);
            models.Add(Describe(id, manifest, manifest?.BaseModel, "user", loaded, active));
        }
        foreach (string id in loaded.Where(id => models.All(model => model.Id != id)))
        {
            models.Add(Describe(id, null, null, "user", loaded, active));
        }
        return models;
    }

    public ModelObject? Find(string id) => List().FirstOrDefault(model => string.Equals(model.Id, id, StringComparison.Ordinal));

    private static ModelObject Describe(string id, ModelManifest? manifest, string? baseModel, string owner, IReadOnlyList<string> loaded, string? active) =>
        new(
            id,
            manifest?.Created.ToUnixTimeSeconds() ?? 0,
            owner,
            Active: id == active,
            Loaded: loaded.Contains(id),
            baseModel ?? manifest?.BaseModel,
            Metrics: null);

    private static ModelManifest? TryReadManifest(string folder)
    {
        string path = Path.Combine(folder, ModelManifest.FileName);
        return File.Exists(path) ? ModelManifest.Parse(File.ReadAllText(path)) : null;
    }
}

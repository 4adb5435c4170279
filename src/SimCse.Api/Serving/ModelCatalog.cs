using System.Text.Json;
using SimCse.Api.Contracts;
using SimCse.Api.Registry;
using SimCse.Core.Runtime;
using SimCse.Modeling.Loading;
using SimCse.Modeling.Packaging;
using SimCse.Modeling.Runtime;

namespace SimCse.Api.Serving;

/// <summary>The registry's models as OpenAI model objects, with serving state (loaded, active, pinned) and metrics.</summary>
public sealed class ModelCatalog(ModelRegistry registry, ModelRuntime runtime, DataPaths paths, StartupModelState startup, ModelFactory factory)
{
    public IReadOnlyList<ModelObject> List()
    {
        IReadOnlyList<string> loaded = runtime.LoadedModelIds;
        string? active = runtime.ActiveModelId;
        List<ModelObject> models = registry.List().Select(location => Describe(location, loaded, active)).ToList();
        // A model can stay loaded (version pinning) after its record is gone; it is still servable.
        models.AddRange(loaded.Where(id => models.All(model => model.Id != id))
            .Select(id => new ModelObject(id, 0, "user", id == active, Loaded: true, null, null, factory.DTypeOf(id)?.DType, factory.DTypeOf(id)?.Reason, Pinned: id != active)));
        return models;
    }

    public ModelObject Get(string id)
    {
        ModelObject? listed = List().FirstOrDefault(model => model.Id == id);
        return listed ?? Describe(registry.Locate(id), runtime.LoadedModelIds, runtime.ActiveModelId);
    }

    private ModelObject Describe(ModelLocation location, IReadOnlyList<string> loaded, string? active)
    {
        long created = location.Record?.CreatedAt ?? CachedManifestCreated(location) ?? 0;
        IReadOnlyDictionary<string, double>? metrics = location.Record?.MetricsJson is { } json
            ? JsonSerializer.Deserialize<Dictionary<string, double>>(json)
            : null;
        bool isLoaded = loaded.Contains(location.Id);
        DTypeDecision? dtype = factory.DTypeOf(location.Id);
        return new ModelObject(
            location.Id,
            created,
            location.Packaged is not null ? "simcse-service" : "user",
            location.Id == active,
            isLoaded,
            location.BaseModel,
            metrics,
            isLoaded ? dtype?.DType : null,
            isLoaded ? dtype?.Reason : null,
            LoadErrorOf(location.Id, loaded),
            Pinned: isLoaded && location.Id != active);
    }

    private string? LoadErrorOf(string id, IReadOnlyList<string> loaded) =>
        startup.FellBack is { } fallback && fallback.ModelId == id && !loaded.Contains(id)
            ? $"failed to load at start-up: {fallback.Reason}; the configured model serves instead"
            : null;

    private long? CachedManifestCreated(ModelLocation location)
    {
        string folder = location.Packaged is not null ? PackagedModelImporter.CacheFolder(location.Packaged, paths.Root) : location.Folder!;
        string manifest = Path.Combine(folder, ModelManifest.FileName);
        return File.Exists(manifest) ? ModelManifest.Parse(File.ReadAllText(manifest)).Created.ToUnixTimeSeconds() : null;
    }
}

using System.Collections.Concurrent;
using SimCse.Modeling.Packaging;

namespace SimCse.Modeling.Tests.Reference;

/// <summary>Loads each packaged model (both runtimes) once for all reference tests, on first use.</summary>
public sealed class ReferenceModelsFixture : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<ReferenceModels>> _models = new(StringComparer.OrdinalIgnoreCase);

    public ReferenceModels Get(string id)
    {
        PackagedModel model = PackagedModels.Find(id) ?? throw new ArgumentException($"Unknown packaged model '{id}'.", nameof(id));
        return _models.GetOrAdd(model.Id, _ => new Lazy<ReferenceModels>(() => new ReferenceModels(model))).Value;
    }

    public void Dispose()
    {
        foreach (Lazy<ReferenceModels> models in _models.Values.Where(lazy => lazy.IsValueCreated))
        {
            models.Value.Dispose();
        }
    }
}

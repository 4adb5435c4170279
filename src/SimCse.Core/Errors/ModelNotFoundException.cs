namespace SimCse.Core.Errors;

/// <summary>A request named a model id that is not loaded; the message lists the ones that are.</summary>
public sealed class ModelNotFoundException : SimCseException
{
    public ModelNotFoundException(string modelId, IReadOnlyList<string> loadedModelIds)
        : base(
            ErrorKind.NotFound,
            $"Model '{modelId}' is not loaded. Loaded models: {(loadedModelIds.Count == 0 ? "(none)" : string.Join(", ", loadedModelIds))}.")
    {
        ModelId = modelId;
        LoadedModelIds = loadedModelIds;
    }

    public string ModelId { get; }

    public IReadOnlyList<string> LoadedModelIds { get; }
}

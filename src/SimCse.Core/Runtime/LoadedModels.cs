using SimCse.Core.Models;

namespace SimCse.Core.Runtime;

/// <summary>
/// The models the runtime holds: the active one plus up to N previously active ones (most recent first)
/// for requests that pin a version. Touched only by the model thread; it publishes id snapshots.
/// </summary>
internal sealed class LoadedModels
{
    private readonly int _previousToKeep;
    private readonly List<IEmbeddingModel> _previous = [];

    public LoadedModels(int previousToKeep)
    {
        _previousToKeep = previousToKeep;
    }

    public IEmbeddingModel? Active { get; private set; }

    /// <summary>Ids of loaded models, the active one first.</summary>
    public IReadOnlyList<string> Ids => All().Select(m => m.Id).ToArray();

    public IEmbeddingModel? Find(string id) => All().FirstOrDefault(m => string.Equals(m.Id, id, StringComparison.Ordinal));

    /// <summary>
    /// Makes <paramref name="model"/> the active one. Returns the models no longer held (a replaced
    /// instance with the same id, or previous ones beyond the limit); the caller disposes them.
    /// </summary>
    public IReadOnlyList<IEmbeddingModel> Activate(IEmbeddingModel model)
    {
        var released = new List<IEmbeddingModel>();
        if (ReferenceEquals(model, Active))
        {
            return released;
        }

        // Reactivating a previous model moves it back to the front; a different instance with the same id replaces it.
        for (var i = _previous.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_previous[i].Id, model.Id, StringComparison.Ordinal))
            {
                if (!ReferenceEquals(_previous[i], model))
                {
                    released.Add(_previous[i]);
                }

                _previous.RemoveAt(i);
            }
        }

        if (Active is not null)
        {
            if (string.Equals(Active.Id, model.Id, StringComparison.Ordinal))
            {
                released.Add(Active);
            }
            else
            {
                _previous.Insert(0, Active);
            }
        }

        Active = model;
        while (_previous.Count > _previousToKeep)
        {
            released.Add(_previous[^1]);
            _previous.RemoveAt(_previous.Count - 1);
        }

        return released;
    }

    /// <summary>Forgets every model and returns them for disposal.</summary>
    public IReadOnlyList<IEmbeddingModel> Clear()
    {
        var all = All().ToList();
        Active = null;
        _previous.Clear();
        return all;
    }

    public IEnumerable<IEmbeddingModel> All()
    {
        if (Active is not null)
        {
            yield return Active;
        }

        foreach (var model in _previous)
        {
            yield return model;
        }
    }
}

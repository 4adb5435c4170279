using System.Collections.Concurrent;
using SimCse.Core.Models;
using SimCse.Core.Tokenization;

namespace SimCse.Api.Tests.Overload;

/// <summary>The real model behind a <see cref="ForwardGate"/>, recording every input it computes.</summary>
public sealed class GatedEmbeddingModel(IEmbeddingModel inner, ForwardGate gate) : IEmbeddingModel
{
    private readonly ConcurrentQueue<int[]> _seen = new();
    private int _calls;

    public string Id => inner.Id;

    public int Dimensions => inner.Dimensions;

    public ITextTokenizer Tokenizer => inner.Tokenizer;

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Token ids of every input any forward pass received.</summary>
    public IReadOnlyCollection<int[]> Seen => _seen;

    public float[][] Embed(IReadOnlyList<TokenizedInput> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Interlocked.Increment(ref _calls);
        foreach (TokenizedInput input in batch)
        {
            _seen.Enqueue(input.Ids);
        }
        gate.Pass();
        return inner.Embed(batch);
    }

    public void Dispose() => inner.Dispose();
}

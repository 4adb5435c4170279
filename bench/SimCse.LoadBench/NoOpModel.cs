using SimCse.Core.Models;
using SimCse.Core.Tokenization;

namespace SimCse.LoadBench;

/// <summary>A model whose forward pass costs nothing, to time the runtime's own path (queue, wake-up, completion).</summary>
public sealed class NoOpModel(ITextTokenizer tokenizer) : IEmbeddingModel
{
    public string Id => "no-op";

    public int Dimensions => 384;

    public ITextTokenizer Tokenizer => tokenizer;

    public float[][] Embed(IReadOnlyList<TokenizedInput> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var vectors = new float[batch.Count][];
        for (int i = 0; i < vectors.Length; i++)
        {
            vectors[i] = new float[Dimensions];
            vectors[i][0] = 1;
        }
        return vectors;
    }

    public void Dispose()
    {
    }
}

using SimCse.Core.Tokenization;

namespace SimCse.Modeling.Tests.Reference;

/// <summary>Feeds many inputs through an embedder in fixed-size batches, returning vectors in input order.</summary>
public static class BatchRunner
{
    /// <param name="embed">One batch in, one vector per input out.</param>
    /// <param name="inputs">All inputs.</param>
    /// <param name="batchSize">Inputs per forward call.</param>
    /// <param name="sortByLength">Group similar lengths so batches carry little padding (the service does the same).</param>
    public static float[][] EmbedAll(
        Func<IReadOnlyList<TokenizedInput>, float[][]> embed,
        IReadOnlyList<TokenizedInput> inputs,
        int batchSize,
        bool sortByLength)
    {
        ArgumentNullException.ThrowIfNull(embed);
        ArgumentNullException.ThrowIfNull(inputs);
        int[] order = Order(inputs, sortByLength);
        var result = new float[inputs.Count][];
        for (int start = 0; start < order.Length; start += batchSize)
        {
            int[] indices = order[start..Math.Min(start + batchSize, order.Length)];
            float[][] vectors = embed(indices.Select(index => inputs[index]).ToList());
            for (int i = 0; i < indices.Length; i++)
            {
                result[indices[i]] = vectors[i];
            }
        }
        return result;
    }

    /// <summary>Input indices in the order they are batched (stable, so equal lengths keep their order).</summary>
    public static int[] Order(IReadOnlyList<TokenizedInput> inputs, bool sortByLength)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        IEnumerable<int> indices = Enumerable.Range(0, inputs.Count);
        return (sortByLength ? indices.OrderBy(index => inputs[index].Length) : indices).ToArray();
    }
}

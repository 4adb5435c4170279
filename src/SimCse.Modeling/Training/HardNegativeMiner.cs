using SimCse.Modeling.Data;
using static TorchSharp.torch;

namespace SimCse.Modeling.Training;

/// <summary>
/// Gives pairs without a negative a hard negative mined with the base model, in the spirit of
/// sentence-transformers' <c>mine_hard_negatives</c>: the corpus is every distinct positive (and
/// negative) of the file; for each anchor the most similar corpus text is taken whose cosine is at most
/// the positive's cosine minus <c>margin</c>. The margin skips near-duplicates of the positive, which in
/// real data are mostly unlabeled positives (false negatives) that would teach the model the wrong thing.
/// A candidate that is the anchor itself or any positive of the same anchor is never taken.
/// </summary>
public static class HardNegativeMiner
{
    /// <summary>How many nearest candidates are inspected per anchor before giving up.</summary>
    internal const int CandidatesPerAnchor = 32;

    private const int AnchorsPerChunk = 256;

    /// <param name="triplets">The training pairs (those with a negative are kept as they are).</param>
    /// <param name="embed">Unit-length (or any) vectors of the base model, in input order.</param>
    /// <param name="margin">Cosine margin below the positive's cosine.</param>
    /// <param name="cancellationToken">Checked between chunks.</param>
    public static HardNegativeMining Mine(IReadOnlyList<TrainingTriplet> triplets, Func<IReadOnlyList<string>, float[][]> embed, double margin,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(triplets);
        ArgumentNullException.ThrowIfNull(embed);
        int[] missing = Enumerable.Range(0, triplets.Count).Where(i => triplets[i].Negative is null).ToArray();
        if (missing.Length == 0)
        {
            return new HardNegativeMining(triplets, 0, 0, margin);
        }
        string[] corpus = triplets.SelectMany(t => t.Negative is null ? [t.Positive] : new[] { t.Positive, t.Negative })
            .Distinct(StringComparer.Ordinal).ToArray();
        var positivesOf = triplets.GroupBy(t => t.Anchor, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(t => t.Positive).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor corpusVectors = Normalized(embed(corpus));
        var corpusRow = corpus.Select((text, row) => (text, row)).ToDictionary(p => p.text, p => (long)p.row, StringComparer.Ordinal);
        var result = triplets.ToArray();
        int mined = 0;
        int k = Math.Min(CandidatesPerAnchor, corpus.Length);
        for (int start = 0; start < missing.Length; start += AnchorsPerChunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var chunkScope = NewDisposeScope();
            int[] rows = missing.Skip(start).Take(AnchorsPerChunk).ToArray();
            Tensor anchors = Normalized(embed(rows.Select(i => triplets[i].Anchor).ToList()));
            // Every positive is in the corpus: its vector is already there.
            Tensor positives = corpusVectors.index_select(0, tensor(rows.Select(i => corpusRow[triplets[i].Positive]).ToArray()));
            float[] positiveCosines = anchors.mul(positives).sum(1).data<float>().ToArray();
            (Tensor values, Tensor indices) = anchors.matmul(corpusVectors.t()).topk(k, dim: 1);
            float[] topValues = values.contiguous().data<float>().ToArray();
            long[] topIndices = indices.contiguous().data<long>().ToArray();
            for (int r = 0; r < rows.Length; r++)
            {
                TrainingTriplet triplet = triplets[rows[r]];
                HashSet<string> ownPositives = positivesOf[triplet.Anchor];
                for (int c = 0; c < k; c++)
                {
                    string candidate = corpus[topIndices[(r * k) + c]];
                    if (topValues[(r * k) + c] > positiveCosines[r] - margin
                        || ownPositives.Contains(candidate) || string.Equals(candidate, triplet.Anchor, StringComparison.Ordinal))
                    {
                        continue;
                    }
                    result[rows[r]] = triplet with { Negative = candidate };
                    mined++;
                    break;
                }
            }
        }
        return new HardNegativeMining(result, missing.Length, mined, margin);
    }

    private static Tensor Normalized(float[][] vectors)
    {
        int width = vectors[0].Length;
        var flat = new float[vectors.Length * width];
        for (int i = 0; i < vectors.Length; i++)
        {
            vectors[i].CopyTo(flat, i * width);
        }
        return nn.functional.normalize(tensor(flat, [vectors.Length, width]), p: 2, dim: 1);
    }
}

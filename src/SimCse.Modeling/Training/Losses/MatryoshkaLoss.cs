using static TorchSharp.torch;

namespace SimCse.Modeling.Training.Losses;

/// <summary>
/// Matryoshka representation learning (Kusupati et al. 2022; sentence-transformers' MatryoshkaLoss): the
/// weighted sum of the inner loss on each listed prefix of the embeddings. The inner losses normalise
/// their inputs, so each truncated prefix is re-normalised, exactly as serving does for <c>dimensions</c>.
/// The wrapper works on whole embeddings, so it composes with GradCache (the cached gradient simply
/// collects every prefix's contribution) and with every pooling.
/// </summary>
public sealed class MatryoshkaLoss
{
    private readonly Func<IReadOnlyList<Tensor>, Tensor> _inner;

    /// <param name="inner">The loss of one set of group embeddings.</param>
    /// <param name="dimensions">The prefix sizes; each at most the embedding size.</param>
    /// <param name="weights">One weight per size; null weighs each 1.</param>
    public MatryoshkaLoss(Func<IReadOnlyList<Tensor>, Tensor> inner, IReadOnlyList<int> dimensions, IReadOnlyList<double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(dimensions);
        if (dimensions.Count == 0 || dimensions.Any(d => d < 1))
        {
            throw new ArgumentException("matryoshka_dims must list positive sizes.", nameof(dimensions));
        }
        if (weights is not null && weights.Count != dimensions.Count)
        {
            throw new ArgumentException("matryoshka_weights must have one weight per size.", nameof(weights));
        }
        _inner = inner;
        Dimensions = dimensions;
        Weights = weights ?? dimensions.Select(_ => 1.0).ToArray();
    }

    public IReadOnlyList<int> Dimensions { get; }

    public IReadOnlyList<double> Weights { get; }

    public Tensor Compute(IReadOnlyList<Tensor> embeddings)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        using var scope = NewDisposeScope();
        Tensor? total = null;
        for (int k = 0; k < Dimensions.Count; k++)
        {
            int size = Dimensions[k];
            long full = embeddings[0].shape[1];
            if (size > full)
            {
                throw new ArgumentException($"matryoshka_dims: {size} exceeds the embedding size {full}.");
            }
            var prefixes = embeddings.Select(e => size == full ? e : e.narrow(1, 0, size)).ToList();
            Tensor term = _inner(prefixes).mul(Weights[k]);
            total = total is null ? term : total.add(term);
        }
        return total!.MoveToOuterDisposeScope();
    }
}

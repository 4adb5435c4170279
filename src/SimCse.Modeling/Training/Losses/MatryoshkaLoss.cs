using static TorchSharp.torch;

namespace SimCse.Modeling.Training.Losses;

/// <summary>
/// Matryoshka representation learning (Kusupati et al. 2022; sentence-transformers' MatryoshkaLoss): the
/// weighted sum of the inner loss on each listed prefix of the embeddings. The inner losses normalise
/// their inputs, so each truncated prefix is re-normalised, exactly as serving does for <c>dimensions</c>.
/// The wrapper works on whole embeddings, so it composes with GradCache (the cached gradient simply
/// collects every prefix's contribution) and with every pooling. Each size below the full one can also distil the
/// full embedding's in-batch ranking into its prefix (<see cref="PrefixDistillationLoss"/>; on by default in jobs).
/// </summary>
public sealed class MatryoshkaLoss
{
    private readonly Func<IReadOnlyList<Tensor>, Tensor> _inner;
    private readonly PrefixDistillationLoss? _distillation;
    private readonly double _distillationWeight;

    /// <param name="inner">The loss of one set of group embeddings.</param>
    /// <param name="dimensions">The prefix sizes; each at most the embedding size.</param>
    /// <param name="weights">One weight per size; null weighs each 1.</param>
    /// <param name="distillation">When set, each size below the full one also adds its weight times
    /// <paramref name="distillationWeight"/> times this term (the first two groups: anchors and positives).</param>
    /// <param name="distillationWeight">The distillation term's weight; 0 leaves it out.</param>
    public MatryoshkaLoss(Func<IReadOnlyList<Tensor>, Tensor> inner, IReadOnlyList<int> dimensions, IReadOnlyList<double>? weights = null,
        PrefixDistillationLoss? distillation = null, double distillationWeight = 0)
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
        ArgumentOutOfRangeException.ThrowIfNegative(distillationWeight);
        _inner = inner;
        Dimensions = dimensions;
        Weights = weights ?? dimensions.Select(_ => 1.0).ToArray();
        _distillation = distillationWeight > 0 ? distillation : null;
        _distillationWeight = distillationWeight;
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
            Tensor term = _inner(prefixes);
            if (_distillation is not null && size < full && embeddings.Count >= 2)
            {
                term = term.add(_distillation.Compute(embeddings[0], embeddings[1], prefixes[0], prefixes[1]).mul(_distillationWeight));
            }
            term = term.mul(Weights[k]);
            total = total is null ? term : total.add(term);
        }
        return total!.MoveToOuterDisposeScope();
    }
}

using static TorchSharp.torch;

namespace SimCse.Modeling.Training.Losses;

/// <summary>
/// InfoNCE over in-batch candidates, a.k.a. MultipleNegativesRankingLoss (sentence-transformers) and the
/// SimCSE loss: for anchor i, cross-entropy of softmax(cos(a_i, c_j) / temperature) over all candidates
/// c = [positives; hard negatives] with the label on the diagonal (its own positive). temperature = 1 / scale
/// (sentence-transformers' scale 20 = temperature 0.05).
/// <para>
/// <c>hardNegativeWeight</c> is SimCSE's log-weight: it is added to the logit of an anchor's own hard
/// negative only (after the division by the temperature), so a positive value makes that negative count more.
/// Batches without negatives (unsupervised SimCSE, pairs) use the other positives as negatives.
/// </para>
/// <para>
/// <c>symmetric</c> averages this with the reverse direction, each positive picking its anchor among all
/// anchors (sentence-transformers' MultipleNegativesSymmetricRankingLoss): both sides of a pair then get
/// in-batch negatives, which is what makes the embedding space work for both query and document roles.
/// </para>
/// </summary>
public sealed class InfoNceLoss
{
    public const double DefaultTemperature = 0.05;

    public InfoNceLoss(double temperature = DefaultTemperature, double hardNegativeWeight = 0.0, bool symmetric = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(temperature);
        Temperature = temperature;
        HardNegativeWeight = hardNegativeWeight;
        Symmetric = symmetric;
    }

    public bool Symmetric { get; }

    public double Temperature { get; }

    public double HardNegativeWeight { get; }

    /// <param name="anchors">[n, d] float32.</param>
    /// <param name="positives">[n, d]: row i is anchor i's positive.</param>
    /// <param name="negatives">[m, d] hard negatives, or null.</param>
    /// <param name="negativeOwners">For each negative row, the index of the anchor it belongs to (length m); null means row j belongs to anchor j.</param>
    /// <returns>The mean loss, a scalar.</returns>
    public Tensor Compute(Tensor anchors, Tensor positives, Tensor? negatives = null, IReadOnlyList<long>? negativeOwners = null)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        ArgumentNullException.ThrowIfNull(positives);
        using var scope = NewDisposeScope();
        long n = anchors.shape[0];
        Tensor candidates = negatives is null ? positives : cat([positives, negatives], 0);
        Tensor normalizedAnchors = nn.functional.normalize(anchors, p: 2, dim: 1);
        Tensor logits = normalizedAnchors
            .matmul(nn.functional.normalize(candidates, p: 2, dim: 1).t())
            .div(Temperature);
        if (negatives is not null && HardNegativeWeight != 0.0)
        {
            logits = logits.add(HardNegativeWeights(n, negatives.shape[0], negativeOwners, logits.device));
        }
        Tensor labels = arange(n, dtype: ScalarType.Int64, device: anchors.device);
        Tensor forward = nn.functional.cross_entropy(logits, labels);
        if (!Symmetric)
        {
            return forward.MoveToOuterDisposeScope();
        }
        // Positive i against every anchor: the first n candidate columns, transposed (without the hard-negative weights).
        Tensor backward = nn.functional.cross_entropy(logits.narrow(1, 0, n).t(), labels);
        return forward.add(backward).div(2).MoveToOuterDisposeScope();
    }

    /// <summary>[n, n + m]: the weight at (owner of negative j, n + j), zero elsewhere.</summary>
    private Tensor HardNegativeWeights(long n, long m, IReadOnlyList<long>? owners, Device device)
    {
        float[] weights = new float[n * (n + m)];
        for (long j = 0; j < m; j++)
        {
            long owner = owners is null ? j : owners[(int)j];
            weights[(owner * (n + m)) + n + j] = (float)HardNegativeWeight;
        }
        return tensor(weights, [n, n + m]).to(device);
    }
}

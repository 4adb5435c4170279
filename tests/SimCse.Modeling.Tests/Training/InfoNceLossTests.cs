using SimCse.Modeling.Training.Losses;
using static TorchSharp.torch;

namespace SimCse.Modeling.Tests.Training;

[Collection(TorchRandomStateGroup.Name)]
public class InfoNceLossTests
{
    // Anchors are e1, e2, e3; positives are unit vectors, so cos(a_i, p_j) = p_j[i]:
    // S = [[1, 0.6, 0], [0, 0.8, 0.6], [0, 0, 0.8]].
    private static readonly float[,] Anchors = { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };
    private static readonly float[,] Positives = { { 1, 0, 0 }, { 0.6f, 0.8f, 0 }, { 0, 0.6f, 0.8f } };

    [Fact]
    public void Matches_a_hand_computed_3x3_example()
    {
        using var scope = NewDisposeScope();
        // Temperature 0.5: row losses logsumexp(2 S_i) - 2 S_ii = 0.46037, 0.62712, 0.33918; mean 0.47556.
        double loss = new InfoNceLoss(temperature: 0.5).Compute(tensor(Anchors), tensor(Positives)).item<float>();
        Assert.Equal(0.4755578, loss, 5);
    }

    [Fact]
    public void Is_scale_invariant_in_its_inputs_because_it_uses_cosine()
    {
        using var scope = NewDisposeScope();
        var loss = new InfoNceLoss(temperature: 0.5);
        double unit = loss.Compute(tensor(Anchors), tensor(Positives)).item<float>();
        double scaled = loss.Compute(tensor(Anchors).mul(3), tensor(Positives).mul(0.5)).item<float>();
        Assert.Equal(unit, scaled, 5);
    }

    [Fact]
    public void Hard_negative_weight_moves_the_loss_the_right_way()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        Tensor anchors = randn(4, 8);
        Tensor positives = randn(4, 8);
        Tensor negatives = randn(4, 8);
        double plain = new InfoNceLoss().Compute(anchors, positives, negatives).item<float>();
        double zero = new InfoNceLoss(hardNegativeWeight: 0).Compute(anchors, positives, negatives).item<float>();
        double up = new InfoNceLoss(hardNegativeWeight: 1.0).Compute(anchors, positives, negatives).item<float>();
        double down = new InfoNceLoss(hardNegativeWeight: -1.0).Compute(anchors, positives, negatives).item<float>();
        double withoutNegatives = new InfoNceLoss().Compute(anchors, positives).item<float>();

        Assert.Equal(plain, zero, 6);
        Assert.True(up > plain, $"a positive weight makes own hard negatives count more: {up} > {plain}");
        Assert.True(down < plain, $"a negative weight makes them count less: {down} < {plain}");
        Assert.True(plain > withoutNegatives, "extra candidates can only add to the partition function");
    }

    [Fact]
    public void Hard_negative_weight_applies_to_the_owning_anchor_only()
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        Tensor anchors = randn(3, 8);
        Tensor positives = randn(3, 8);
        Tensor negative = randn(1, 8);
        // One negative, owned by anchor 2: the same loss as the negative weight added by hand to logit (2, 3).
        double weighted = new InfoNceLoss(temperature: 0.1, hardNegativeWeight: 2.0).Compute(anchors, positives, negative, [2]).item<float>();
        Tensor candidates = nn.functional.normalize(cat([positives, negative], 0), p: 2, dim: 1);
        Tensor logits = nn.functional.normalize(anchors, p: 2, dim: 1).matmul(candidates.t()).div(0.1);
        logits[2, 3] = logits[2, 3] + 2.0;
        double expected = nn.functional.cross_entropy(logits, arange(3L)).item<float>();
        Assert.Equal(expected, weighted, 5);
    }
}

using SimCse.Modeling.Training.Losses;
using static TorchSharp.torch;

namespace SimCse.Modeling.Tests.Training;

[Collection(TorchRandomStateGroup.Name)]
public class NewLossesTests
{
    // As in InfoNceLossTests: cos(a_i, p_j) = p_j[i], S = [[1, 0.6, 0], [0, 0.8, 0.6], [0, 0, 0.8]].
    private static readonly float[,] Anchors = { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };
    private static readonly float[,] Positives = { { 1, 0, 0 }, { 0.6f, 0.8f, 0 }, { 0, 0.6f, 0.8f } };

    [Fact]
    public void Symmetric_infonce_averages_the_hand_computed_forward_and_reverse_losses()
    {
        using var scope = NewDisposeScope();
        // Forward rows 0.47556 (mean); reverse: positive j over anchors, logsumexp(2 S[:, j]) - 2 S_jj → mean 0.49793.
        double loss = new InfoNceLoss(temperature: 0.5, symmetric: true).Compute(tensor(Anchors), tensor(Positives)).item<float>();
        Assert.Equal(0.4867441, loss, 5);
    }

    [Fact]
    public void Cosent_matches_a_hand_computed_example()
    {
        using var scope = NewDisposeScope();
        // Pair cosines (1, 0.8, 0.8), scores (3, 2, 1), scale 2: log(1 + e^{2(0.8-1)} + e^{2(0.8-1)} + e^{2(0.8-0.8)}) = 1.20616.
        double loss = new CoSentLoss(temperature: 0.5).Compute(tensor(Anchors), tensor(Positives), tensor(new float[] { 3, 2, 1 })).item<float>();
        Assert.Equal(1.2061624, loss, 5);
    }

    [Fact]
    public void Cosent_is_log2_when_every_pair_has_the_same_cosine_and_zero_when_scores_tie()
    {
        using var scope = NewDisposeScope();
        Tensor same = tensor(new float[,] { { 1, 0 }, { 1, 0 } });
        var loss = new CoSentLoss(0.05);
        Assert.Equal(Math.Log(2), loss.Compute(same, same, tensor(new float[] { 5, 0 })).item<float>(), 5);
        Assert.Equal(0.0, loss.Compute(same, same, tensor(new float[] { 2, 2 })).item<float>(), 6);
    }

    [Fact]
    public void Cosent_gradient_raises_the_cosine_of_the_higher_scored_pair()
    {
        using var scope = NewDisposeScope();
        // Pair 0 scores higher but its cosine is 0; pair 1's is 1: the loss must push cos_0 up.
        Tensor first = tensor(new float[,] { { 1, 0 }, { 1, 0 } }).requires_grad_(true);
        Tensor second = tensor(new float[,] { { 0.2f, 1 }, { 1, 0 } });
        new CoSentLoss(0.05).Compute(first, second, tensor(new float[] { 5, 0 })).backward();
        Tensor before = nn.functional.cosine_similarity(first.detach()[0].unsqueeze(0), second[0].unsqueeze(0));
        Tensor after = nn.functional.cosine_similarity(first.detach()[0].sub(first.grad![0].mul(0.01)).unsqueeze(0), second[0].unsqueeze(0));
        Assert.True(after.item<float>() > before.item<float>() + 1e-4, $"{before.item<float>()} -> {after.item<float>()}");
    }

    [Fact]
    public void Matryoshka_sums_the_weighted_loss_of_each_renormalised_prefix()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        Tensor anchors = randn(6, 8);
        Tensor positives = randn(6, 8);
        var inner = new InfoNceLoss(0.1);
        var matryoshka = new MatryoshkaLoss(e => inner.Compute(e[0], e[1]), [8, 4, 2], [1.0, 0.5, 2.0]);

        double combined = matryoshka.Compute([anchors, positives]).item<float>();

        double expected = inner.Compute(anchors, positives).item<float>()
            + (0.5 * inner.Compute(anchors.narrow(1, 0, 4), positives.narrow(1, 0, 4)).item<float>())
            + (2.0 * inner.Compute(anchors.narrow(1, 0, 2), positives.narrow(1, 0, 2)).item<float>());
        Assert.Equal(expected, combined, 4);
        Assert.Throws<ArgumentException>(() => new MatryoshkaLoss(e => inner.Compute(e[0], e[1]), [16]).Compute([anchors, positives]));
    }
}

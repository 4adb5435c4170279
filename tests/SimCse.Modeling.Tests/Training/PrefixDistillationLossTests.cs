using SimCse.Modeling.Training.Losses;
using static TorchSharp.torch;

namespace SimCse.Modeling.Tests.Training;

/// <summary>The prefix learns the whole embedding's in-batch ranking; the whole embedding is only the teacher.</summary>
[Collection(TorchRandomStateGroup.Name)]
public sealed class PrefixDistillationLossTests
{
    [Fact]
    public void KlDivergenceOfTheTwoRankingsMatchesAHandComputation()
    {
        using var scope = NewDisposeScope();
        // Full vectors: cos(a_i, p_j) = S = [[1, 0], [0, 1]]; prefixes (first coordinate): cos = [[1, 1], [1, 1]].
        // Temperature 1: teacher rows softmax(1, 0) = (0.7311, 0.2689) and mirrored; student rows (0.5, 0.5).
        // KL = 0.7311 ln(0.7311/0.5) + 0.2689 ln(0.2689/0.5) = 0.11081 per row; mean over rows the same.
        Tensor anchors = tensor(new float[,] { { 1, 0 }, { 1, 1 } });
        Tensor positives = tensor(new float[,] { { 1, 0 }, { 1, 1 } });
        Tensor fullAnchors = tensor(new float[,] { { 1, 0 }, { 0, 1 } });
        Tensor fullPositives = tensor(new float[,] { { 1, 0 }, { 0, 1 } });

        double loss = new PrefixDistillationLoss(temperature: 1).Compute(fullAnchors, fullPositives, anchors.narrow(1, 0, 1), positives.narrow(1, 0, 1)).item<float>();

        Assert.Equal(0.1108, loss, 3);
    }

    [Fact]
    public void APrefixThatRanksLikeTheWholeCostsNothing()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        Tensor anchors = randn(6, 8);
        Tensor positives = randn(6, 8);

        double loss = new PrefixDistillationLoss().Compute(anchors, positives, anchors, positives).item<float>();

        Assert.Equal(0, loss, 5);
    }

    [Fact]
    public void OnlyThePrefixGetsAGradient()
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        Tensor anchors = randn(6, 8).requires_grad_();
        Tensor positives = randn(6, 8).requires_grad_();

        new PrefixDistillationLoss().Compute(anchors, positives, anchors.narrow(1, 0, 4), positives.narrow(1, 0, 4)).backward();

        // The teacher is detached: features past the prefix get nothing, the prefix's do.
        Assert.Equal(0, anchors.grad!.narrow(1, 4, 4).abs().sum().item<float>());
        Assert.Equal(0, positives.grad!.narrow(1, 4, 4).abs().sum().item<float>());
        Assert.True(anchors.grad!.narrow(1, 0, 4).abs().sum().item<float>() > 0);
    }

    [Fact]
    public void MatryoshkaAddsTheWeightedDistillationForEverySmallerSizeOnly()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        Tensor anchors = randn(5, 8);
        Tensor positives = randn(5, 8);
        var inner = new InfoNceLoss();
        var distillation = new PrefixDistillationLoss();
        Func<IReadOnlyList<Tensor>, Tensor> contrastive = e => inner.Compute(e[0], e[1]);

        double plain = new MatryoshkaLoss(contrastive, [8, 4], [1.0, 2.0]).Compute([anchors, positives]).item<float>();
        double distilled = new MatryoshkaLoss(contrastive, [8, 4], [1.0, 2.0], distillation, distillationWeight: 0.5).Compute([anchors, positives]).item<float>();
        double off = new MatryoshkaLoss(contrastive, [8, 4], [1.0, 2.0], distillation, distillationWeight: 0).Compute([anchors, positives]).item<float>();
        double term = distillation.Compute(anchors, positives, anchors.narrow(1, 0, 4), positives.narrow(1, 0, 4)).item<float>();

        Assert.True(term > 0);
        Assert.Equal(plain + (2.0 * 0.5 * term), distilled, 4);
        Assert.Equal(plain, off, 6);
    }
}

using SimCse.Modeling.Bert;
using SimCse.Modeling.Tests.Training;
using static TorchSharp.torch;

namespace SimCse.Modeling.Tests.Bert;

/// <summary>The cheaper CPU dropout mask behaves as <c>nn.Dropout</c>: rate, scale, gradient, seeding, eval mode.</summary>
[Collection(TorchRandomStateGroup.Name)]
public sealed class BertDropoutTests
{
    [Theory]
    [InlineData(0.1)]
    [InlineData(0.3)]
    public void DropsAboutPAndScalesTheRestByOneOverOneMinusP(double p)
    {
        using var scope = NewDisposeScope();
        using var dropout = new BertDropout(p);
        dropout.train();
        Tensor input = ones(1001, 999);

        Tensor output = dropout.forward(input);

        double dropped = output.eq(0).to(ScalarType.Float64).mean().item<double>();
        Assert.InRange(dropped, p - 0.003, p + 0.003);
        Tensor kept = output.masked_select(output.ne(0));
        Assert.Equal(1 / (1 - p), kept.min().item<float>(), 5);
        Assert.Equal(1 / (1 - p), kept.max().item<float>(), 5);
    }

    [Fact]
    public void BothHalvesOfEachRandomWordAreIndependent()
    {
        using var scope = NewDisposeScope();
        using var dropout = new BertDropout(0.5);
        long count = 1_000_000;

        // Element i takes the low half of word i and element count/2 + i its high half.
        Tensor keep = dropout.Mask([count], ScalarType.Float32).ne(0).view(2, count / 2);
        double bothKept = keep[0].logical_and(keep[1]).to(ScalarType.Float64).mean().item<double>();

        Assert.InRange(bothKept, 0.25 - 0.004, 0.25 + 0.004);
    }

    [Fact]
    public void TheGradientIsTheMask()
    {
        using var scope = NewDisposeScope();
        using var dropout = new BertDropout(0.2);
        dropout.train();
        Tensor input = randn(37, 11).requires_grad_(true);

        Tensor output = dropout.forward(input);
        output.sum().backward();

        Tensor mask = output.detach().div(input.detach());
        Assert.True(input.grad!.allclose(mask, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void TheSameSeedGivesTheSameMask()
    {
        using var scope = NewDisposeScope();
        using var dropout = new BertDropout(0.1);
        dropout.train();
        Tensor input = ones(17, 33);

        manual_seed(11);
        Tensor first = dropout.forward(input);
        manual_seed(11);
        Tensor again = dropout.forward(input);
        Tensor other = dropout.forward(input);

        Assert.True(first.eq(again).all().item<bool>());
        Assert.False(first.eq(other).all().item<bool>());
    }

    [Fact]
    public void EvaluationModeAndZeroProbabilityPassTheInputThrough()
    {
        using var scope = NewDisposeScope();
        using var dropout = new BertDropout(0.1);
        using var none = new BertDropout(0);
        none.train();
        Tensor input = randn(5, 7);

        dropout.eval();

        Assert.True(dropout.forward(input).eq(input).all().item<bool>());
        Assert.True(none.forward(input).eq(input).all().item<bool>());
        Assert.Throws<ArgumentOutOfRangeException>(() => new BertDropout(1.0));
    }
}

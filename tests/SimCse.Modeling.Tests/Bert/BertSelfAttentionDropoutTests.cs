using SimCse.Modeling.Bert;
using SimCse.Modeling.Tests.Training;
using static TorchSharp.torch;

namespace SimCse.Modeling.Tests.Bert;

/// <summary>
/// Training-mode attention on the CPU is the explicit math (SDPA's math path, with the cheaper dropout mask): in
/// expectation, and exactly without dropout, it computes what SDPA computes, with the same scale and padding mask.
/// </summary>
[Collection(TorchRandomStateGroup.Name)]
public sealed class BertSelfAttentionDropoutTests
{
    [Fact]
    public void TrainingAttentionAveragesToTheEvaluationAttention()
    {
        using var scope = NewDisposeScope();
        manual_seed(21);
        using var attention = new BertSelfAttention(TinyBert.Config with { AttentionProbsDropoutProb = 0.2 });
        Tensor hidden = randn(2, 6, TinyBert.Config.HiddenSize);
        Tensor keepMask = tensor(new[] { true, true, true, true, true, true, true, true, true, false, false, false }).view(2, 1, 1, 6);

        attention.eval();
        Tensor expected = attention.forward(hidden, keepMask);
        attention.train();
        const int Draws = 2000;
        Tensor sum = zeros_like(expected);
        Tensor first = attention.forward(hidden, keepMask).detach();
        using (no_grad())
        {
            for (int i = 0; i < Draws; i++)
            {
                sum.add_(attention.forward(hidden, keepMask));
            }
        }
        Tensor mean = sum.div(Draws);

        Assert.False(first.allclose(expected, rtol: 1e-3, atol: 1e-3), "training attention dropped nothing");
        double worst = mean.sub(expected).abs().max().item<float>();
        Assert.True(worst < 0.02, $"largest difference of the mean from evaluation attention: {worst}");
    }

    [Fact]
    public void WithoutDropoutTrainingAttentionEqualsTheEvaluationAttention()
    {
        using var scope = NewDisposeScope();
        manual_seed(23);
        using var attention = new BertSelfAttention(TinyBert.Config with { AttentionProbsDropoutProb = 0 });
        Tensor hidden = randn(2, 5, TinyBert.Config.HiddenSize);
        Tensor keepMask = tensor(new[] { true, true, true, true, true, true, true, true, false, false }).view(2, 1, 1, 5);

        attention.eval();
        Tensor expected = attention.forward(hidden, keepMask);
        attention.train();
        Tensor trained = attention.forward(hidden, keepMask);

        Assert.True(trained.allclose(expected, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void PaddedKeysGetNoWeightInTraining()
    {
        using var scope = NewDisposeScope();
        manual_seed(22);
        using var attention = new BertSelfAttention(TinyBert.Config with { AttentionProbsDropoutProb = 0.1 });
        attention.train();
        Tensor hidden = randn(1, 4, TinyBert.Config.HiddenSize);
        Tensor keepMask = tensor(new[] { true, true, false, false }).view(1, 1, 1, 4);
        Tensor changed = hidden.clone();
        changed[0, 3] = randn(TinyBert.Config.HiddenSize).mul(100);

        manual_seed(5);
        Tensor before = attention.forward(hidden, keepMask);
        manual_seed(5);
        Tensor after = attention.forward(changed, keepMask);

        // Rows 0-1 (real queries) must not see the padded key 3 change.
        Assert.True(before.narrow(1, 0, 2).allclose(after.narrow(1, 0, 2), rtol: 1e-5, atol: 1e-6));
    }
}

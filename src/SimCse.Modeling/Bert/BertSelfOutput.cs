using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SimCse.Modeling.Bert;

/// <summary>HF <c>BertSelfOutput</c>: projection of the attention context, dropout, residual, LayerNorm.</summary>
public sealed class BertSelfOutput : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Linear dense;
    private readonly LayerNorm LayerNorm;
    private readonly BertDropout dropout;

    public BertSelfOutput(BertConfig config) : base(nameof(BertSelfOutput))
    {
        dense = nn.Linear(config.HiddenSize, config.HiddenSize);
        LayerNorm = nn.LayerNorm(config.HiddenSize, config.LayerNormEps);
        dropout = new BertDropout(config.HiddenDropoutProb);
        RegisterComponents();
    }

    public override Tensor forward(Tensor context, Tensor residual)
    {
        using var scope = NewDisposeScope();
        return LayerNorm.forward(dropout.forward(dense.forward(context)).add_(residual)).MoveToOuterDisposeScope();
    }
}

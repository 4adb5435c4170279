using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SimCse.Modeling.Bert;

/// <summary>HF <c>BertOutput</c>: the feed-forward contraction, dropout, residual, LayerNorm.</summary>
public sealed class BertOutput : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Linear dense;
    private readonly LayerNorm LayerNorm;
    private readonly BertDropout dropout;

    public BertOutput(BertConfig config) : base(nameof(BertOutput))
    {
        dense = nn.Linear(config.IntermediateSize, config.HiddenSize);
        LayerNorm = nn.LayerNorm(config.HiddenSize, config.LayerNormEps);
        dropout = new BertDropout(config.HiddenDropoutProb);
        RegisterComponents();
    }

    public override Tensor forward(Tensor intermediate, Tensor residual)
    {
        using var scope = NewDisposeScope();
        return LayerNorm.forward(dropout.forward(dense.forward(intermediate)).add_(residual)).MoveToOuterDisposeScope();
    }
}

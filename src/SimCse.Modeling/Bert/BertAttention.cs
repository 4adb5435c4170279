using static TorchSharp.torch;

namespace SimCse.Modeling.Bert;

/// <summary>HF <c>BertAttention</c>: self-attention followed by its output block.</summary>
public sealed class BertAttention : nn.Module<Tensor, Tensor, Tensor>
{
    // Named "self" like HF so the state-dict key is attention.self.query.weight.
    private readonly BertSelfAttention @self;
    private readonly BertSelfOutput output;

    public BertAttention(BertConfig config) : base(nameof(BertAttention))
    {
        @self = new BertSelfAttention(config);
        output = new BertSelfOutput(config);
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden, Tensor keepMask)
    {
        using var scope = NewDisposeScope();
        return output.forward(@self.forward(hidden, keepMask), hidden).MoveToOuterDisposeScope();
    }
}

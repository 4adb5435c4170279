using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SimCse.Modeling.Bert;

/// <summary>HF <c>BertPooler</c>: the [CLS] state through dense + tanh.</summary>
public sealed class BertPooler : nn.Module<Tensor, Tensor>
{
    private readonly Linear dense;

    public BertPooler(BertConfig config) : base(nameof(BertPooler))
    {
        dense = nn.Linear(config.HiddenSize, config.HiddenSize);
        RegisterComponents();
    }

    /// <param name="lastHidden">[batch, sequence, hidden].</param>
    public override Tensor forward(Tensor lastHidden)
    {
        using var scope = NewDisposeScope();
        return dense.forward(lastHidden.select(1, 0)).tanh_().MoveToOuterDisposeScope();
    }
}

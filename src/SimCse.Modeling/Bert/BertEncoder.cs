using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SimCse.Modeling.Bert;

/// <summary>HF <c>BertEncoder</c>: the stack of layers. Returns the first and last layers' outputs (what pooling needs).</summary>
public sealed class BertEncoder : nn.Module
{
    private readonly ModuleList<BertLayer> layer;

    public BertEncoder(BertConfig config) : base(nameof(BertEncoder))
    {
        layer = nn.ModuleList(Enumerable.Range(0, config.NumHiddenLayers).Select(_ => new BertLayer(config)).ToArray());
        RegisterComponents();
    }

    /// <returns>The first layer's output and the last layer's output (the same tensor for one layer).</returns>
    public (Tensor FirstLayer, Tensor LastLayer) forward(Tensor hidden, Tensor keepMask)
    {
        Tensor? first = null;
        Tensor current = hidden;
        foreach (BertLayer block in layer)
        {
            current = block.forward(current, keepMask);
            first ??= current;
        }
        return (first ?? current, current);
    }
}

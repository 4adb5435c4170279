using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SimCse.Modeling.Bert;

/// <summary>
/// HF <c>BertSelfAttention</c> (absolute positions) computed with libtorch's fused
/// scaled-dot-product attention, which picks the fastest kernel for the device and dtype.
/// </summary>
public sealed class BertSelfAttention : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Linear query;
    private readonly Linear key;
    private readonly Linear value;
    private readonly int _heads;
    private readonly int _headSize;
    private readonly double _attentionDropout;

    public BertSelfAttention(BertConfig config) : base(nameof(BertSelfAttention))
    {
        query = nn.Linear(config.HiddenSize, config.HiddenSize);
        key = nn.Linear(config.HiddenSize, config.HiddenSize);
        value = nn.Linear(config.HiddenSize, config.HiddenSize);
        _heads = config.NumAttentionHeads;
        _headSize = config.HeadSize;
        _attentionDropout = config.AttentionProbsDropoutProb;
        RegisterComponents();
    }

    /// <param name="hidden">[batch, sequence, hidden].</param>
    /// <param name="keepMask">[batch, 1, 1, sequence] bool: true where a key position may be attended (not padding).</param>
    public override Tensor forward(Tensor hidden, Tensor keepMask)
    {
        using var scope = NewDisposeScope();
        long batch = hidden.shape[0];
        long sequence = hidden.shape[1];
        Tensor q = SplitHeads(query.forward(hidden), batch, sequence);
        Tensor k = SplitHeads(key.forward(hidden), batch, sequence);
        Tensor v = SplitHeads(value.forward(hidden), batch, sequence);
        Tensor context = nn.functional.scaled_dot_product_attention(q, k, v, keepMask, training ? _attentionDropout : 0.0);
        return context.transpose(1, 2).reshape(batch, sequence, _heads * _headSize).MoveToOuterDisposeScope();
    }

    private Tensor SplitHeads(Tensor projected, long batch, long sequence) =>
        projected.view(batch, sequence, _heads, _headSize).transpose(1, 2);
}

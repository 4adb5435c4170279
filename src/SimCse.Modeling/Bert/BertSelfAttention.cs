using TorchSharp;
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
    private readonly BertDropout _probabilityDropout;

    public BertSelfAttention(BertConfig config) : base(nameof(BertSelfAttention))
    {
        query = nn.Linear(config.HiddenSize, config.HiddenSize);
        key = nn.Linear(config.HiddenSize, config.HiddenSize);
        value = nn.Linear(config.HiddenSize, config.HiddenSize);
        _heads = config.NumAttentionHeads;
        _headSize = config.HeadSize;
        RegisterComponents();
        // Only its mask is used (this module checks training itself), so it need not be a registered child.
        _probabilityDropout = new BertDropout(config.AttentionProbsDropoutProb);
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
        // On the CPU, training attention is the explicit math: with dropout, SDPA would take its math path anyway (with a
        // slower mask); without, its fused kernel's backward measured slower than the explicit ops.
        Tensor context = training && hidden.device.type == DeviceType.CPU
            ? AttendForTraining(q, k, v, keepMask)
            : nn.functional.scaled_dot_product_attention(q, k, v, keepMask, training ? _probabilityDropout.Probability : 0.0);
        return context.transpose(1, 2).reshape(batch, sequence, _heads * _headSize).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// What SDPA's math path does, with the cheaper <see cref="BertDropout"/> mask on the probabilities in place of
    /// libtorch's serial Bernoulli draw.
    /// </summary>
    private Tensor AttendForTraining(Tensor q, Tensor k, Tensor v, Tensor keepMask)
    {
        Tensor scores = q.mul(1.0 / Math.Sqrt(_headSize)).matmul(k.transpose(2, 3));
        if (keepMask.numel() > 0)
        {
            scores = scores.masked_fill(keepMask.logical_not(), double.NegativeInfinity);
        }
        Tensor probabilities = scores.softmax(3, ScalarType.Float32).to(q.dtype);
        if (_probabilityDropout.Probability > 0)
        {
            probabilities = probabilities.mul(_probabilityDropout.Mask(probabilities.shape, probabilities.dtype));
        }
        return probabilities.matmul(v);
    }

    private Tensor SplitHeads(Tensor projected, long batch, long sequence) =>
        projected.view(batch, sequence, _heads, _headSize).transpose(1, 2);
}

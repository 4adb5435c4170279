using SimCse.Modeling.Bert;
using static TorchSharp.torch;

namespace SimCse.Modeling.Pooling;

/// <summary>Turns a BERT forward pass into one float32 vector per sentence (not yet normalised).</summary>
public static class SentencePooling
{
    /// <param name="output">The forward pass.</param>
    /// <param name="attentionMask">[batch, sequence], 1 for real tokens.</param>
    /// <param name="mode">Which variant.</param>
    public static Tensor Pool(BertModelOutput output, Tensor attentionMask, PoolingMode mode) => mode switch
    {
        PoolingMode.Cls => output.PoolerOutput?.to(ScalarType.Float32)
            ?? throw new InvalidOperationException("Pooling 'cls' needs the model's pooler, and this model has none."),
        PoolingMode.ClsBeforePooler => output.LastHiddenState.select(1, 0).to(ScalarType.Float32),
        PoolingMode.Mean => MaskedMean(output.LastHiddenState.to(ScalarType.Float32), attentionMask),
        PoolingMode.FirstLastAvg => MaskedMean(
            output.FirstLayerHiddenState.to(ScalarType.Float32).add(output.LastHiddenState.to(ScalarType.Float32)).div_(2), attentionMask),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown pooling mode."),
    };

    /// <summary>Whether <paramref name="mode"/> reads the pooler head (only <c>cls</c>), so a forward can skip it otherwise.</summary>
    public static bool ReadsPooler(PoolingMode mode) => mode == PoolingMode.Cls;

    /// <summary>Mean over real tokens only, so padding never changes a sentence's vector.</summary>
    private static Tensor MaskedMean(Tensor states, Tensor attentionMask)
    {
        Tensor weights = attentionMask.to(ScalarType.Float32).unsqueeze(-1);
        return states.mul(weights).sum(1).div_(weights.sum(1).clamp_min(1e-9));
    }
}

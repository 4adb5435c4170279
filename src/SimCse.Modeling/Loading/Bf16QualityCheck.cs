using SimCse.Core.Tokenization;
using SimCse.Modeling.Bert;
using SimCse.Modeling.Encoders;
using SimCse.Modeling.Pooling;
using static TorchSharp.torch;

namespace SimCse.Modeling.Loading;

/// <summary>
/// The start-up check behind <c>DType=auto</c>: the model's vectors for fixed sentences in float32 and in
/// bfloat16, compared by cosine. bfloat16 keeps 8 mantissa bits, which is harmless for most checkpoints; this
/// catches the ones where it is not (or a CPU or driver whose bf16 path misbehaves) before they serve.
/// </summary>
public static class Bf16QualityCheck
{
    /// <summary>Lowest cosine (bf16 vs float32) over <see cref="Sentences"/> that lets <c>auto</c> pick bfloat16.</summary>
    public const double MinimumCosine = 0.9999;

    /// <summary>Short and long, plain and odd: one padded batch, so the masked path is checked too.</summary>
    public static IReadOnlyList<string> Sentences { get; } =
    [
        "A man is playing a guitar.",
        "The quick brown fox jumps over the lazy dog near the riverbank at dawn.",
        "How do I reset my password?",
        "Stock markets fell sharply on Tuesday after the central bank raised interest rates by half a percentage point.",
        "Das ist ein deutscher Satz.",
        "2 + 2 = 4",
        "She said nothing, but her eyes told the whole story.",
        "Embeddings map sentences to vectors so that similar meanings lie close together.",
    ];

    /// <summary>L2-normalised vectors of <see cref="Sentences"/> from <paramref name="model"/> as it is now (device, dtype, kernels).</summary>
    public static float[][] Embed(BertModel model, ITextTokenizer tokenizer, PoolingMode pooling, int maxLength, Device device)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokenizer);
        List<TokenizedInput> inputs = Sentences.Select(text => tokenizer.Encode(text, maxLength)).ToList();
        using var scope = NewDisposeScope();
        using var inference = inference_mode();
        bool wasTraining = model.training;
        model.eval();
        (Tensor inputIds, Tensor attentionMask) = PaddedBatch.Create(inputs, model.Config.PadTokenId, device);
        BertModelOutput output = model.forward(inputIds, attentionMask);
        float[] flat = nn.functional.normalize(SentencePooling.Pool(output, attentionMask, pooling), p: 2, dim: 1).cpu().data<float>().ToArray();
        model.train(wasTraining);
        int width = model.Config.HiddenSize;
        return Enumerable.Range(0, inputs.Count).Select(row => flat.AsSpan(row * width, width).ToArray()).ToArray();
    }

    /// <summary>The lowest cosine between matching rows of two sets of unit vectors.</summary>
    public static double MinimumCosineBetween(float[][] reference, float[][] candidate)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(candidate);
        double lowest = double.PositiveInfinity;
        for (int row = 0; row < reference.Length; row++)
        {
            double dot = 0;
            for (int i = 0; i < reference[row].Length; i++)
            {
                dot += reference[row][i] * (double)candidate[row][i];
            }
            lowest = Math.Min(lowest, dot);
        }
        return lowest;
    }
}

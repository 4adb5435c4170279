using SimCse.Core.Batching;
using SimCse.Core.Models;
using SimCse.Core.Tokenization;
using SimCse.Modeling.Bert;
using SimCse.Modeling.Pooling;
using SimCse.Modeling.Runtime;
using static TorchSharp.torch;

namespace SimCse.Modeling.Encoders;

/// <summary>
/// A BERT model, its tokenizer and its pooling: text in, L2-normalised vectors out. The weights stay on
/// their device for the encoder's lifetime; each call moves only its inputs there.
/// </summary>
public sealed class SentenceEncoder : IEmbeddingModel
{
    private readonly TorchPlacement _placement;
    private readonly PassThreadPolicy _threads;

    /// <param name="id">Model id.</param>
    /// <param name="model">Weights already on <paramref name="placement"/>'s device and dtype.</param>
    /// <param name="tokenizer">The model's tokenizer.</param>
    /// <param name="pooling">Pooling variant.</param>
    /// <param name="maxLength">Longest input in tokens.</param>
    /// <param name="placement">Device and dtype.</param>
    public SentenceEncoder(string id, BertModel model, ITextTokenizer tokenizer, PoolingMode pooling, int maxLength, TorchPlacement placement)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxLength, model.Config.MaxPositionEmbeddings);
        if (pooling == PoolingMode.Cls && !model.HasPooler)
        {
            throw new ArgumentException("Pooling 'cls' needs a pooler; this model has none (use cls_before_pooler).", nameof(pooling));
        }
        Id = id;
        Model = model;
        Tokenizer = tokenizer;
        Pooling = pooling;
        MaxLength = maxLength;
        _placement = placement;
        Model.eval();
        _threads = placement.Device.type == TorchSharp.DeviceType.CPU
            ? new PassThreadPolicy(PassThreadPolicy.ProcessThreads)
            : PassThreadPolicy.Unchanged;
    }

    public string Id { get; }

    public BertModel Model { get; }

    public ITextTokenizer Tokenizer { get; }

    public PoolingMode Pooling { get; }

    /// <summary>Longest input in tokens, special tokens included.</summary>
    public int MaxLength { get; }

    public int Dimensions => Model.Config.HiddenSize;

    public Device Device => _placement.Device;

    public ScalarType DType => _placement.DType;

    /// <summary>
    /// Tokenizes (truncating to <see cref="MaxLength"/>) and embeds, for callers without a queue (tests,
    /// benchmarks): split into forward passes by the same rule the serving queue uses, with this device's
    /// default limits. Vectors come back in input order.
    /// </summary>
    public float[][] EmbedTexts(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        TokenizedInput[] inputs = texts.Select(text => Tokenizer.Encode(text, MaxLength)).ToArray();
        ForwardPassLimits limits = ForwardPassLimits.For(_placement.Device.type == TorchSharp.DeviceType.CPU ? BatchingDevice.Cpu : BatchingDevice.Accelerator);
        var result = new float[inputs.Length][];
        foreach (int[] pass in ForwardPassPlanner.Plan(inputs.Select(input => input.Length).ToArray(), limits))
        {
            float[][] vectors = Embed(pass.Select(index => inputs[index]).ToArray());
            for (int i = 0; i < pass.Length; i++)
            {
                result[pass[i]] = vectors[i];
            }
        }
        return result;
    }

    /// <summary>
    /// Runs exactly one forward pass over <paramref name="batch"/>, as given (the serving queue decides the
    /// passes; see <see cref="ForwardPassPlanner"/>); one vector per input, in input order.
    /// </summary>
    public float[][] Embed(IReadOnlyList<TokenizedInput> batch) => Embed(batch, concurrentPasses: 1);

    /// <summary>
    /// One forward pass while <paramref name="concurrentPasses"/> − 1 others run on other threads: on a CPU it
    /// runs on its share of the intra-op threads (see <see cref="PassThreadPolicy"/>).
    /// </summary>
    public float[][] Embed(IReadOnlyList<TokenizedInput> batch, int concurrentPasses)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfZero(batch.Count);
        using var threads = new ThreadCountScope(_threads.ThreadsFor(concurrentPasses));
        return Forward(batch);
    }

    public void Dispose() => Model.Dispose();

    private float[][] Forward(IReadOnlyList<TokenizedInput> batch)
    {
        using var scope = NewDisposeScope();
        using var inference = inference_mode();
        (Tensor inputIds, Tensor attentionMask) = PaddedBatch.Create(batch, Model.Config.PadTokenId, _placement.Device);
        BertModelOutput output = Model.forward(inputIds, attentionMask, withPooler: SentencePooling.ReadsPooler(Pooling));
        Tensor vectors = nn.functional.normalize(SentencePooling.Pool(output, attentionMask, Pooling), p: 2, dim: 1).cpu();
        return Split(vectors.data<float>().ToArray(), batch.Count, Dimensions);
    }

    private static float[][] Split(float[] flat, int rows, int width)
    {
        var result = new float[rows][];
        for (int row = 0; row < rows; row++)
        {
            result[row] = flat.AsSpan(row * width, width).ToArray();
        }
        return result;
    }
}

using Microsoft.ML.OnnxRuntime;
using SimCse.Core.Tokenization;
using SimCse.Modeling.Packaging;
using SimCse.Modeling.Pooling;

namespace SimCse.Modeling.Tests.Reference;

/// <summary>
/// The packaged model's own ONNX graph run by ONNX Runtime, pooled and normalised the way
/// sentence-transformers does it. It is the independent reference our TorchSharp encoder is held to:
/// it takes the same token ids, so any difference is in the network, not in tokenization.
/// </summary>
public sealed class OnnxReferenceEncoder : IDisposable
{
    // Names as exported in both packages' model.onnx (checked in OnnxRuntimeLoadTests).
    public const string InputIds = "input_ids";
    public const string AttentionMask = "attention_mask";
    public const string TokenTypeIds = "token_type_ids";
    public const string LastHiddenState = "last_hidden_state";

    private static readonly string[] OutputNames = [LastHiddenState];

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly int _padId;

    /// <param name="onnxModel">The model.onnx bytes.</param>
    /// <param name="pooling">Mean or ClsBeforePooler (the two the packaged models use).</param>
    /// <param name="padId">[PAD] id; 0 in both packaged vocabularies.</param>
    /// <param name="intraOpThreads">ONNX Runtime intra-op threads; 0 keeps ORT's default.</param>
    public OnnxReferenceEncoder(byte[] onnxModel, PoolingMode pooling, int padId = 0, int intraOpThreads = 0)
    {
        if (pooling is not (PoolingMode.Mean or PoolingMode.ClsBeforePooler))
        {
            throw new ArgumentOutOfRangeException(nameof(pooling), pooling, "The reference implements mean and cls_before_pooler only.");
        }
        using var options = new SessionOptions();
        if (intraOpThreads > 0)
        {
            options.IntraOpNumThreads = intraOpThreads;
        }
        _session = new InferenceSession(onnxModel, options);
        Pooling = pooling;
        _padId = padId;
        Dimensions = checked((int)_session.OutputMetadata[LastHiddenState].Dimensions[^1]);
    }

    public PoolingMode Pooling { get; }

    public int Dimensions { get; }

    public IReadOnlyDictionary<string, NodeMetadata> InputMetadata => _session.InputMetadata;

    public IReadOnlyDictionary<string, NodeMetadata> OutputMetadata => _session.OutputMetadata;

    public static OnnxReferenceEncoder ForPackaged(PackagedModel model, int intraOpThreads = 0) =>
        new(PackagedModels.ReadResource(model, "model.onnx"), model.Pooling, intraOpThreads: intraOpThreads);

    /// <summary>Embeds one right-padded batch; returns L2-normalised float32 vectors in input order.</summary>
    public float[][] Embed(IReadOnlyList<TokenizedInput> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return [];
        }
        int rows = batch.Count;
        int longest = batch.Max(input => input.Length);
        long[] ids = new long[rows * longest];
        long[] mask = new long[rows * longest];
        long[] types = new long[rows * longest];
        Array.Fill(ids, _padId);
        for (int row = 0; row < rows; row++)
        {
            int[] tokens = batch[row].Ids;
            for (int column = 0; column < tokens.Length; column++)
            {
                ids[(row * longest) + column] = tokens[column];
                mask[(row * longest) + column] = 1;
            }
        }
        long[] shape = [rows, longest];
        using OrtValue idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using OrtValue maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using OrtValue typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        var inputs = new Dictionary<string, OrtValue>
        {
            [InputIds] = idsValue,
            [AttentionMask] = maskValue,
            [TokenTypeIds] = typesValue,
        };
        using IDisposableReadOnlyCollection<OrtValue> outputs = _session.Run(_runOptions, inputs, OutputNames);
        ReadOnlySpan<float> states = outputs[0].GetTensorDataAsSpan<float>();
        var result = new float[rows][];
        for (int row = 0; row < rows; row++)
        {
            result[row] = Pool(states.Slice(row * longest * Dimensions, longest * Dimensions), batch[row].Length);
        }
        return result;
    }

    public void Dispose()
    {
        _runOptions.Dispose();
        _session.Dispose();
    }

    /// <summary>
    /// sentence-transformers' Pooling: mean over the real tokens (padding comes after them, so the
    /// first <paramref name="length"/> rows) or the raw [CLS] state; then Normalize.
    /// </summary>
    private float[] Pool(ReadOnlySpan<float> states, int length)
    {
        var sums = new double[Dimensions];
        int counted = Pooling == PoolingMode.Mean ? length : 1;
        for (int token = 0; token < counted; token++)
        {
            ReadOnlySpan<float> state = states.Slice(token * Dimensions, Dimensions);
            for (int d = 0; d < Dimensions; d++)
            {
                sums[d] += state[d];
            }
        }
        double norm = Math.Sqrt(sums.Sum(value => value * value)) / counted;
        var vector = new float[Dimensions];
        for (int d = 0; d < Dimensions; d++)
        {
            vector[d] = (float)(sums[d] / counted / Math.Max(norm, 1e-12));
        }
        return vector;
    }
}

using SimCse.Core.Tokenization;
using SimCse.Modeling.Bert;
using SimCse.Modeling.Encoders;
using SimCse.Modeling.Pooling;
using SimCse.Modeling.Tokenization;
using static TorchSharp.torch;

namespace SimCse.Modeling.Training;

/// <summary>
/// The BERT being trained with its two poolings: the training pooling (for <c>cls</c>, the pooler's dense +
/// tanh acts as SimCSE's MLP head) and the inference pooling (for unsupervised <c>cls</c>, the head is
/// dropped and the raw [CLS] state is used, as the paper does).
/// </summary>
internal sealed class TrainingEncoder(BertModel model, BertModel computeModel, BertWordPieceTokenizer tokenizer, PoolingMode trainingPooling, PoolingMode inferencePooling, Device device, int evaluationMaxLength)
{
    /// <summary>The float32 weights: evaluated and saved.</summary>
    public BertModel Model { get; } = model;

    /// <summary>The model that runs training passes: <see cref="Model"/> itself, or its low-precision copy.</summary>
    public BertModel ComputeModel { get; } = computeModel;

    public BertWordPieceTokenizer Tokenizer { get; } = tokenizer;

    public PoolingMode TrainingPooling { get; } = trainingPooling;

    public PoolingMode InferencePooling { get; } = inferencePooling;

    /// <summary>[rows, d] float32 with the training pooling; a graph is recorded when grad mode is on.</summary>
    public Tensor Embed(IReadOnlyList<TokenizedInput> chunk)
    {
        using var scope = NewDisposeScope();
        (Tensor ids, Tensor mask) = PaddedBatch.Create(chunk, ComputeModel.Config.PadTokenId, device);
        BertModelOutput output = ComputeModel.forward(ids, mask, withPooler: SentencePooling.ReadsPooler(TrainingPooling));
        return SentencePooling.Pool(output, mask, TrainingPooling).MoveToOuterDisposeScope();
    }

    /// <summary>Inference vectors (eval mode, no graph), then back to train mode.</summary>
    public float[][] EmbedForEvaluation(IReadOnlyList<string> texts, int batchSize)
    {
        var result = new float[texts.Count][];
        TokenizedInput[] tokens = texts.Select(text => Tokenizer.Encode(text, evaluationMaxLength)).ToArray();
        // Length-sorted batches waste little on padding; results go back to input order.
        int[] order = Enumerable.Range(0, texts.Count).OrderBy(i => tokens[i].Length).ToArray();
        Model.eval();
        try
        {
            using var inference = inference_mode();
            for (int start = 0; start < order.Length; start += batchSize)
            {
                using var scope = NewDisposeScope();
                int[] rows = order.Skip(start).Take(batchSize).ToArray();
                (Tensor ids, Tensor mask) = PaddedBatch.Create(rows.Select(row => tokens[row]).ToList(), Model.Config.PadTokenId, device);
                Tensor pooled = SentencePooling.Pool(Model.forward(ids, mask, withPooler: SentencePooling.ReadsPooler(InferencePooling)), mask, InferencePooling).cpu().contiguous();
                float[] flat = pooled.data<float>().ToArray();
                int width = (int)pooled.shape[1];
                for (int r = 0; r < rows.Length; r++)
                {
                    result[rows[r]] = flat.AsSpan(r * width, width).ToArray();
                }
            }
        }
        finally
        {
            Model.train();
        }
        return result;
    }
}

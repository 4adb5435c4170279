using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SimCse.Modeling.Bert;

/// <summary>HF <c>BertEmbeddings</c>: word + absolute position + token type embeddings, LayerNorm, dropout.</summary>
public sealed class BertEmbeddings : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Embedding word_embeddings;
    private readonly Embedding position_embeddings;
    private readonly Embedding token_type_embeddings;
    private readonly LayerNorm LayerNorm;
    private readonly BertDropout dropout;

    public BertEmbeddings(BertConfig config) : base(nameof(BertEmbeddings))
    {
        word_embeddings = nn.Embedding(config.VocabSize, config.HiddenSize, padding_idx: config.PadTokenId);
        position_embeddings = nn.Embedding(config.MaxPositionEmbeddings, config.HiddenSize);
        token_type_embeddings = nn.Embedding(config.TypeVocabSize, config.HiddenSize);
        LayerNorm = nn.LayerNorm(config.HiddenSize, config.LayerNormEps);
        dropout = new BertDropout(config.HiddenDropoutProb);
        RegisterComponents();
    }

    /// <param name="inputIds">[batch, sequence] int64.</param>
    /// <param name="tokenTypeIds">[batch, sequence] int64.</param>
    public override Tensor forward(Tensor inputIds, Tensor tokenTypeIds)
    {
        using var scope = NewDisposeScope();
        Tensor positionIds = arange(inputIds.shape[1], dtype: ScalarType.Int64, device: inputIds.device).unsqueeze(0);
        Tensor summed = word_embeddings.forward(inputIds)
            .add_(token_type_embeddings.forward(tokenTypeIds))
            .add_(position_embeddings.forward(positionIds));
        return dropout.forward(LayerNorm.forward(summed)).MoveToOuterDisposeScope();
    }
}

using static TorchSharp.torch;

namespace SimCse.Modeling.Bert;

/// <summary>
/// HF <c>BertModel</c>. Parameter names equal Hugging Face's state-dict keys without the <c>bert.</c>
/// prefix (embeddings.word_embeddings.weight, encoder.layer.0.attention.self.query.weight, pooler.dense.bias),
/// because each submodule field is named like its HF attribute and registered by name.
/// </summary>
public sealed class BertModel : nn.Module
{
    private readonly BertEmbeddings embeddings;
    private readonly BertEncoder encoder;
    private readonly BertPooler? pooler;

    public BertModel(BertConfig config, bool withPooler) : base(nameof(BertModel))
    {
        Config = config;
        embeddings = new BertEmbeddings(config);
        encoder = new BertEncoder(config);
        pooler = withPooler ? new BertPooler(config) : null;
        RegisterComponents();
    }

    public BertConfig Config { get; }

    public bool HasPooler => pooler is not null;

    /// <param name="inputIds">[batch, sequence] int64.</param>
    /// <param name="attentionMask">[batch, sequence] int64, 1 for real tokens, 0 for padding.</param>
    /// <param name="tokenTypeIds">[batch, sequence] int64; zeros when null.</param>
    public BertModelOutput forward(Tensor inputIds, Tensor attentionMask, Tensor? tokenTypeIds = null)
    {
        Tensor types = tokenTypeIds ?? zeros_like(inputIds);
        Tensor keepMask = attentionMask.to(ScalarType.Bool).unsqueeze(1).unsqueeze(2);
        Tensor embedded = embeddings.forward(inputIds, types);
        (Tensor first, Tensor last) = encoder.forward(embedded, keepMask);
        return new BertModelOutput(first, last, pooler?.forward(last));
    }
}

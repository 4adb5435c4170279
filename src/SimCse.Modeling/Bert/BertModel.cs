using SimCse.Modeling.Runtime;
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
    private BertInferenceEncoder? _inference;

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

    /// <summary>The kernel of the frozen inference encoder, or null while the plain modules run.</summary>
    public LinearKernel? InferenceKernel => _inference?.Kernel;

    /// <summary>The attention kernel of the frozen inference encoder, or null while the plain modules run.</summary>
    public AttentionKernel? InferenceAttention => _inference?.Attention;

    /// <summary>
    /// Freezes the encoder weights into a fast inference layout (see <see cref="BertInferenceEncoder"/>), used
    /// from then on by every forward pass without gradients in eval mode. Only for models whose weights no
    /// longer change: the modules' parameters stay as they are (state dict, saving), but later edits to them
    /// would not reach the frozen copy.
    /// </summary>
    public void FreezeForInference(LinearKernel kernel, AttentionKernel attention)
    {
        BertInferenceEncoder frozen = BertInferenceEncoder.Create(this, kernel, attention);
        _inference?.Dispose();
        _inference = frozen;
    }

    /// <param name="inputIds">[batch, sequence] int64.</param>
    /// <param name="attentionMask">[batch, sequence] int64, 1 for real tokens, 0 for padding.</param>
    /// <param name="tokenTypeIds">[batch, sequence] int64; zeros when null.</param>
    /// <param name="withPooler">Run the pooler head (only <c>cls</c> pooling reads it, see
    /// <see cref="Pooling.SentencePooling.ReadsPooler"/>; otherwise it is a wasted GEMM on every pass).</param>
    public BertModelOutput forward(Tensor inputIds, Tensor attentionMask, Tensor? tokenTypeIds = null, bool withPooler = true)
    {
        Tensor types = tokenTypeIds ?? zeros_like(inputIds);
        Tensor keepMask = attentionMask.to(ScalarType.Bool).unsqueeze(1).unsqueeze(2);
        Tensor embedded = embeddings.forward(inputIds, types);
        (Tensor first, Tensor last) = _inference is not null && !training && !is_grad_enabled()
            ? _inference.Forward(embedded, HasPadding(attentionMask) ? keepMask : null)
            : encoder.forward(embedded, keepMask);
        return new BertModelOutput(first, last, withPooler ? pooler?.forward(last) : null);
    }

    // Attention over an unpadded batch needs no mask, and SDPA without one takes its fastest path.
    private static bool HasPadding(Tensor attentionMask) => attentionMask.numel() > 0 && !attentionMask.all().item<bool>();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inference?.Dispose();
            _inference = null;
        }
        base.Dispose(disposing);
    }
}

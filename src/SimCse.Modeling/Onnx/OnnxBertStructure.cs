namespace SimCse.Modeling.Onnx;

/// <summary>
/// The BERT configuration an ONNX export implies, read from its weight shapes (and, for the head count, from
/// the attention Reshape's shape constants, since no weight shape reveals it).
/// </summary>
/// <param name="VocabSize">Rows of <c>embeddings.word_embeddings.weight</c>.</param>
/// <param name="HiddenSize">Columns of <c>embeddings.word_embeddings.weight</c>.</param>
/// <param name="NumHiddenLayers">Number of <c>encoder.layer.N</c> blocks.</param>
/// <param name="IntermediateSize">Rows of <c>encoder.layer.0.intermediate.dense.weight</c>.</param>
/// <param name="MaxPositionEmbeddings">Rows of <c>embeddings.position_embeddings.weight</c>.</param>
/// <param name="TypeVocabSize">Rows of <c>embeddings.token_type_embeddings.weight</c>.</param>
/// <param name="HasPooler">Whether the export kept <c>pooler.dense</c> (exporters drop it when no output uses it).</param>
/// <param name="NumAttentionHeads">Null when the graph holds no recognizable [.., .., heads, head_dim] reshape.</param>
public sealed record OnnxBertStructure(
    int VocabSize,
    int HiddenSize,
    int NumHiddenLayers,
    int IntermediateSize,
    int MaxPositionEmbeddings,
    int TypeVocabSize,
    bool HasPooler,
    int? NumAttentionHeads);

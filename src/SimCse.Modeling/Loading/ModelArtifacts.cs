using SimCse.Modeling.Bert;
using SimCse.Modeling.Pooling;
using SimCse.Modeling.Weights;

namespace SimCse.Modeling.Loading;

/// <summary>
/// Everything that makes up a model on disk, in memory: what a folder reader produces, what the ONNX
/// importer and the trainer produce, and what the folder writer consumes.
/// </summary>
/// <param name="Config">HF BERT config.</param>
/// <param name="Vocabulary">vocab.txt bytes.</param>
/// <param name="DoLowerCase">tokenizer_config.json do_lower_case.</param>
/// <param name="Pooling">How sentence vectors are pooled.</param>
/// <param name="MaxLength">Longest input in tokens, special tokens included.</param>
/// <param name="Weights">HF state dict (without the <c>bert.</c> prefix).</param>
public sealed record ModelArtifacts(
    BertConfig Config,
    byte[] Vocabulary,
    bool DoLowerCase,
    PoolingMode Pooling,
    int MaxLength,
    IReadOnlyDictionary<string, TensorData> Weights)
{
    /// <summary>Number of entries in vocab.txt (one token per line).</summary>
    public int VocabularySize => CountLines(Vocabulary);

    /// <summary>Refuses artifacts whose parts contradict each other, naming the mismatch.</summary>
    public void Validate()
    {
        Config.Validate();
        if (VocabularySize != Config.VocabSize)
        {
            throw new InvalidDataException($"vocab.txt has {VocabularySize} tokens but config.json says vocab_size {Config.VocabSize}.");
        }
        if (MaxLength < 3 || MaxLength > Config.MaxPositionEmbeddings)
        {
            throw new InvalidDataException($"max_seq_length {MaxLength} must be in [3, max_position_embeddings {Config.MaxPositionEmbeddings}].");
        }
        if (Pooling == PoolingMode.Cls && !BertWeights.HasPooler(Weights))
        {
            throw new InvalidDataException("Pooling 'cls' needs pooler weights, which this model lacks (use cls_before_pooler).");
        }
    }

    private static int CountLines(byte[] text)
    {
        int lines = text.AsSpan().Count((byte)'\n');
        bool unterminatedLast = text.Length > 0 && text[^1] != (byte)'\n';
        return lines + (unterminatedLast ? 1 : 0);
    }
}

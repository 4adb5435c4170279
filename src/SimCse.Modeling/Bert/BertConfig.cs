using System.Text.Json;
using System.Text.Json.Serialization;

namespace SimCse.Modeling.Bert;

/// <summary>The fields of a Hugging Face BERT <c>config.json</c> the encoder uses, with HF's names and defaults.</summary>
public sealed record BertConfig
{
    [JsonPropertyName("model_type")]
    public string ModelType { get; init; } = "bert";

    [JsonPropertyName("vocab_size")]
    public int VocabSize { get; init; } = 30522;

    [JsonPropertyName("hidden_size")]
    public int HiddenSize { get; init; } = 768;

    [JsonPropertyName("num_hidden_layers")]
    public int NumHiddenLayers { get; init; } = 12;

    [JsonPropertyName("num_attention_heads")]
    public int NumAttentionHeads { get; init; } = 12;

    [JsonPropertyName("intermediate_size")]
    public int IntermediateSize { get; init; } = 3072;

    [JsonPropertyName("hidden_act")]
    public string HiddenAct { get; init; } = "gelu";

    [JsonPropertyName("hidden_dropout_prob")]
    public double HiddenDropoutProb { get; init; } = 0.1;

    [JsonPropertyName("attention_probs_dropout_prob")]
    public double AttentionProbsDropoutProb { get; init; } = 0.1;

    [JsonPropertyName("max_position_embeddings")]
    public int MaxPositionEmbeddings { get; init; } = 512;

    [JsonPropertyName("type_vocab_size")]
    public int TypeVocabSize { get; init; } = 2;

    [JsonPropertyName("layer_norm_eps")]
    public double LayerNormEps { get; init; } = 1e-12;

    [JsonPropertyName("pad_token_id")]
    public int PadTokenId { get; init; }

    [JsonPropertyName("architectures")]
    public IReadOnlyList<string> Architectures { get; init; } = ["BertModel"];

    private static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = true };

    public int HeadSize => HiddenSize / NumAttentionHeads;

    public static BertConfig Parse(string json)
    {
        BertConfig config = JsonSerializer.Deserialize<BertConfig>(json)
            ?? throw new InvalidDataException("config.json is empty.");
        config.Validate();
        return config;
    }

    public string ToJson() => JsonSerializer.Serialize(this, WriteOptions);

    /// <summary>Refuses configurations this BERT implementation cannot run, naming the field.</summary>
    public void Validate()
    {
        Require(ModelType is "bert", $"model_type '{ModelType}' is not supported (only 'bert').");
        Require(HiddenAct is "gelu", $"hidden_act '{HiddenAct}' is not supported (only exact 'gelu').");
        Require(VocabSize > 0, "vocab_size must be positive.");
        Require(HiddenSize > 0 && NumAttentionHeads > 0 && HiddenSize % NumAttentionHeads == 0,
            $"hidden_size {HiddenSize} must be a positive multiple of num_attention_heads {NumAttentionHeads}.");
        Require(NumHiddenLayers > 0, "num_hidden_layers must be positive.");
        Require(IntermediateSize > 0, "intermediate_size must be positive.");
        Require(MaxPositionEmbeddings > 2, "max_position_embeddings must exceed 2.");
        Require(TypeVocabSize > 0, "type_vocab_size must be positive.");
        Require(HiddenDropoutProb is >= 0 and < 1 && AttentionProbsDropoutProb is >= 0 and < 1, "dropout probabilities must be in [0, 1).");
        Require(LayerNormEps > 0, "layer_norm_eps must be positive.");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidDataException("config.json: " + message);
        }
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using SimCse.Modeling.Pooling;

namespace SimCse.Modeling.Training;

/// <summary>
/// Fine-tuning hyperparameters with the API's (CONTRACT.md) names; defaults follow the SimCSE paper
/// where it has one. Unknown optional values stay null and mean "the recipe's default".
/// </summary>
public sealed record TrainingHyperparameters
{
    [JsonPropertyName("batch_size")]
    public int BatchSize { get; init; } = 64;

    [JsonPropertyName("learning_rate")]
    public double LearningRate { get; init; } = 3e-5;

    [JsonPropertyName("n_epochs")]
    public int Epochs { get; init; } = 1;

    /// <summary>Stops after this many optimizer steps; null = <see cref="Epochs"/> full passes.</summary>
    [JsonPropertyName("max_steps")]
    public int? MaxSteps { get; init; }

    [JsonPropertyName("temperature")]
    public double Temperature { get; init; } = 0.05;

    [JsonPropertyName("max_seq_length")]
    public int MaxSeqLength { get; init; } = 32;

    /// <summary>cls, cls_before_pooler, mean or first_last_avg; null = the base model's pooling.</summary>
    [JsonPropertyName("pooling")]
    public string? Pooling { get; init; }

    [JsonPropertyName("hard_negative_weight")]
    public double HardNegativeWeight { get; init; }

    /// <summary>Evaluate on the validation file (and checkpoint) every this many steps.</summary>
    [JsonPropertyName("eval_steps")]
    public int EvalSteps { get; init; } = 125;

    /// <summary>GradCache mini-batch (rows per forward pass); null = the whole batch in one pass.</summary>
    [JsonPropertyName("mini_batch_size")]
    public int? MiniBatchSize { get; init; }

    /// <summary>Seeds the data order, dropout masks and any freshly initialised head.</summary>
    [JsonPropertyName("seed")]
    public int Seed { get; init; } = 42;

    /// <summary>Fraction of the steps spent warming the learning rate up linearly from 0.</summary>
    [JsonPropertyName("warmup_ratio")]
    public double WarmupRatio { get; init; } = 0.1;

    /// <summary>AdamW decoupled weight decay, applied to weights only (not biases or LayerNorm).</summary>
    [JsonPropertyName("weight_decay")]
    public double WeightDecay { get; init; } = 0.01;

    [JsonPropertyName("max_grad_norm")]
    public double MaxGradNorm { get; init; } = 1.0;

    /// <summary>Overrides the model's dropout (hidden and attention) during training; null keeps it (0.1 for BERT).</summary>
    [JsonPropertyName("dropout")]
    public double? Dropout { get; init; }

    private static readonly JsonSerializerOptions SerializerOptions = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Refuses values the trainer cannot use, naming the field.</summary>
    public void Validate()
    {
        Require(BatchSize >= 2, "batch_size must be at least 2 (in-batch negatives).");
        Require(LearningRate > 0 && double.IsFinite(LearningRate), "learning_rate must be positive.");
        Require(Epochs >= 1, "n_epochs must be at least 1.");
        Require(MaxSteps is null or >= 1, "max_steps must be positive.");
        Require(Temperature > 0 && double.IsFinite(Temperature), "temperature must be positive.");
        Require(MaxSeqLength >= 3, "max_seq_length must be at least 3.");
        Require(Pooling is null || PoolingModeNames.TryParse(Pooling, out _), $"pooling '{Pooling}' is unknown (cls, cls_before_pooler, mean, first_last_avg).");
        Require(double.IsFinite(HardNegativeWeight), "hard_negative_weight must be finite.");
        Require(EvalSteps >= 1, "eval_steps must be positive.");
        Require(MiniBatchSize is null or >= 1, "mini_batch_size must be positive.");
        Require(WarmupRatio is >= 0 and < 1, "warmup_ratio must be in [0, 1).");
        Require(WeightDecay >= 0, "weight_decay must be non-negative.");
        Require(MaxGradNorm > 0, "max_grad_norm must be positive.");
        Require(Dropout is null or (>= 0 and < 1), "dropout must be in [0, 1).");
    }

    public JsonObject ToJson() => (JsonObject)JsonSerializer.SerializeToNode(this, SerializerOptions)!;

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using SimCse.Modeling.Pooling;

namespace SimCse.Modeling.Training;

/// <summary>
/// Fine-tuning hyperparameters with the API's (CONTRACT.md) names. The values that differ between methods
/// (batch size, learning rate, epochs, evaluation interval, symmetric loss) come from the method's
/// <see cref="TrainingRecipes"/> entry once <see cref="WithDefaultsFor"/> is applied (the trainer and the API do);
/// the others have one default. Unknown optional values stay null and mean "the recipe's default".
/// </summary>
public sealed record TrainingHyperparameters
{
    // Values the caller set; null = the method's default (see WithDefaultsFor), so that one record type
    // can carry different recipes for different methods while JSON still shows effective values.
    private readonly int? _batchSize;
    private readonly double? _learningRate;
    private readonly int? _epochs;
    private readonly int? _evalSteps;
    private readonly bool? _symmetricLoss;

    [JsonPropertyName("batch_size")]
    public int BatchSize { get => _batchSize ?? TrainingRecipes.Unsupervised.BatchSize; init => _batchSize = value; }

    [JsonPropertyName("learning_rate")]
    public double LearningRate { get => _learningRate ?? TrainingRecipes.Unsupervised.LearningRate; init => _learningRate = value; }

    [JsonPropertyName("n_epochs")]
    public int Epochs { get => _epochs ?? TrainingRecipes.Unsupervised.Epochs; init => _epochs = value; }

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
    public int EvalSteps { get => _evalSteps ?? TrainingRecipes.Unsupervised.EvalSteps; init => _evalSteps = value; }

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

    /// <summary>
    /// Also trains the reverse direction (each positive picks its anchor among the batch's anchors) and
    /// averages the two losses: sentence-transformers' MultipleNegativesSymmetricRankingLoss. Contrastive methods only.
    /// </summary>
    [JsonPropertyName("symmetric_loss")]
    public bool SymmetricLoss { get => _symmetricLoss ?? TrainingRecipes.Unsupervised.SymmetricLoss; init => _symmetricLoss = value; }

    /// <summary>Matryoshka prefix sizes (e.g. [384, 256, 128, 64]): the loss is summed over each truncated, re-normalised prefix; null = the full embedding only.</summary>
    [JsonPropertyName("matryoshka_dims")]
    public IReadOnlyList<int>? MatryoshkaDims { get; init; }

    /// <summary>One weight per <see cref="MatryoshkaDims"/> entry; null weighs each 1.</summary>
    [JsonPropertyName("matryoshka_weights")]
    public IReadOnlyList<double>? MatryoshkaWeights { get; init; }

    /// <summary>
    /// For a Matryoshka job: the weight of each smaller prefix's distillation from the whole embedding
    /// (<see cref="Losses.PrefixDistillationLoss"/>), added to that prefix's contrastive loss; 0 = contrastive terms only.
    /// </summary>
    [JsonPropertyName("matryoshka_distillation")]
    public double MatryoshkaDistillation { get; init; } = 1.0;

    /// <summary>Supervised pairs without a hard negative get one mined with the base model from the training corpus (the other pairs' positives).</summary>
    [JsonPropertyName("mine_hard_negatives")]
    public bool MineHardNegatives { get; init; }

    /// <summary>Mining skips candidates whose cosine to the anchor exceeds the positive's minus this margin (likely false negatives).</summary>
    [JsonPropertyName("mining_margin")]
    public double MiningMargin { get; init; } = 0.1;

    private static readonly JsonSerializerOptions SerializerOptions = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>
    /// These hyperparameters with every value the caller left unset taken from <paramref name="method"/>'s
    /// recipe (<see cref="TrainingRecipes"/>); values set explicitly are kept.
    /// </summary>
    public TrainingHyperparameters WithDefaultsFor(TrainingMethod method)
    {
        TrainingRecipe recipe = TrainingRecipes.For(method);
        return this with
        {
            BatchSize = _batchSize ?? recipe.BatchSize,
            LearningRate = _learningRate ?? recipe.LearningRate,
            Epochs = _epochs ?? (MatryoshkaDims is { Count: > 0 } ? recipe.MatryoshkaEpochs ?? recipe.Epochs : recipe.Epochs),
            EvalSteps = _evalSteps ?? recipe.EvalSteps,
            SymmetricLoss = _symmetricLoss ?? recipe.SymmetricLoss,
        };
    }

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
        Require(MatryoshkaDims is null || (MatryoshkaDims.Count > 0 && MatryoshkaDims.All(d => d >= 1) && MatryoshkaDims.Distinct().Count() == MatryoshkaDims.Count),
            "matryoshka_dims must list distinct positive sizes.");
        Require(MatryoshkaDistillation >= 0 && double.IsFinite(MatryoshkaDistillation), "matryoshka_distillation must be a non-negative number.");
        Require(MatryoshkaWeights is null || (MatryoshkaDims is not null && MatryoshkaWeights.Count == MatryoshkaDims.Count && MatryoshkaWeights.All(w => w >= 0 && double.IsFinite(w))),
            "matryoshka_weights must give one non-negative weight per matryoshka_dims entry.");
        Require(double.IsFinite(MiningMargin) && MiningMargin is >= -2 and <= 2, "mining_margin must be in [-2, 2] (a cosine difference).");
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

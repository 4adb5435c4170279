namespace SimCse.Client;

/// <summary>SimCSE hyperparameters; any left null take the service's recipe.</summary>
public sealed record FineTuningHyperparameters
{
    public int? BatchSize { get; init; }

    public double? LearningRate { get; init; }

    public int? NEpochs { get; init; }

    public int? MaxSteps { get; init; }

    public double? Temperature { get; init; }

    public int? MaxSeqLength { get; init; }

    /// <summary><c>mean</c> or <c>cls</c>.</summary>
    public string? Pooling { get; init; }

    public double? HardNegativeWeight { get; init; }

    public int? EvalSteps { get; init; }

    public int? MiniBatchSize { get; init; }
}

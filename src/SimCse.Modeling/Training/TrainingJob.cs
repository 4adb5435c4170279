using SimCse.Modeling.Data;
using SimCse.Modeling.Loading;

namespace SimCse.Modeling.Training;

/// <summary>What to train: the base model, the data, the recipe and where checkpoints go.</summary>
public sealed record TrainingJob
{
    /// <summary>The base model's id (for checkpoint ids <c>ft:&lt;base&gt;:&lt;job-id&gt;:step-&lt;n&gt;</c> and lineage).</summary>
    public required string BaseModelId { get; init; }

    /// <summary>The base model's weights, vocabulary and pooling.</summary>
    public required ModelArtifacts BaseModel { get; init; }

    /// <summary>The job id (or id prefix) placed in checkpoint model ids.</summary>
    public required string JobId { get; init; }

    /// <summary>Checkpoints are written to <c>&lt;OutputDirectory&gt;/step-&lt;n&gt;</c>.</summary>
    public required string OutputDirectory { get; init; }

    public required TrainingMethod Method { get; init; }

    /// <summary>Unsupervised training sentences.</summary>
    public IReadOnlyList<string>? Sentences { get; init; }

    /// <summary>Supervised pairs or triplets.</summary>
    public IReadOnlyList<TrainingTriplet>? Triplets { get; init; }

    /// <summary>Scored training pairs (<see cref="TrainingMethod.ScoredPairs"/>).</summary>
    public IReadOnlyList<StsPair>? ScoredPairs { get; init; }

    /// <summary>Validation pairs, evaluated every <c>eval_steps</c>; the best checkpoint is chosen by their Spearman.</summary>
    public IReadOnlyList<StsPair>? Validation { get; init; }

    public TrainingHyperparameters Hyperparameters { get; init; } = new();

    /// <summary>A checkpoint folder of an earlier run of the same job to continue from.</summary>
    public string? ResumeFrom { get; init; }

    /// <summary>Refuses a job the trainer cannot run, naming the problem.</summary>
    public void Validate()
    {
        Hyperparameters.Validate();
        ArgumentException.ThrowIfNullOrWhiteSpace(BaseModelId);
        ArgumentException.ThrowIfNullOrWhiteSpace(JobId);
        ArgumentException.ThrowIfNullOrWhiteSpace(OutputDirectory);
        int count = Method switch
        {
            TrainingMethod.Unsupervised => Sentences?.Count ?? 0,
            TrainingMethod.ScoredPairs => ScoredPairs?.Count ?? 0,
            _ => Triplets?.Count ?? 0,
        };
        if (count < 2)
        {
            throw new ArgumentException(Method switch
            {
                TrainingMethod.Unsupervised => "Unsupervised training needs at least 2 sentences.",
                TrainingMethod.ScoredPairs => "Scored-pair training needs at least 2 pairs.",
                _ => "Supervised training needs at least 2 pairs.",
            });
        }
    }
}

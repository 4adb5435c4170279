namespace SimCse.Modeling.Training;

/// <summary>Where the trainer runs (not part of the job's hyperparameters).</summary>
public sealed record TrainerOptions
{
    /// <summary><c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>. GradCache's dropout replay needs the CPU generator, so mini-batching with dropout is CPU-only for now.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>
    /// libtorch intra-op threads while training; null leaves the process setting alone. libtorch's thread
    /// count is process-wide, so a value here also affects inference running at the same time: the
    /// trainer sets it at the start of <see cref="SimCseTrainer.Train"/> and restores the previous value at the end.
    /// </summary>
    public int? ThreadCount { get; init; }

    /// <summary>
    /// Precision of the training passes: <c>float32</c>, or <c>bfloat16</c> (a bf16 copy of the model runs
    /// forward and backward, float32 master weights take the AdamW updates; evaluation and checkpoints use
    /// the float32 masters). bf16 matmuls are several times faster on CPUs with AMX.
    /// </summary>
    public string ComputeDType { get; init; } = "float32";

    /// <summary>Sentences per forward pass when evaluating.</summary>
    public int EvaluationBatchSize { get; init; } = 64;

    /// <summary>
    /// Steps whose checkpoint must survive pruning even when it is neither the best nor the last (e.g. the
    /// checkpoint a server has activated); null protects none.
    /// </summary>
    public Func<int, bool>? ProtectFromPruning { get; init; }

    /// <summary>Called once, before the first step, when <c>mine_hard_negatives</c> has mined (e.g. to record a job event).</summary>
    public Action<HardNegativeMining>? HardNegativesMined { get; init; }

    /// <summary>Test seam: called after each checkpoint is saved with the in-memory model's inference embedder (eval mode).</summary>
    internal Action<TrainingCheckpoint, Func<IReadOnlyList<string>, float[][]>>? CheckpointInspector { get; init; }
}

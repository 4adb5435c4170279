namespace SimCse.Api.Configuration;

/// <summary>Section <c>SimCse:Training</c>: how fine-tuning shares the machine with serving.</summary>
public sealed class TrainingOptions
{
    public const string SectionName = "SimCse:Training";

    /// <summary>
    /// libtorch intra-op threads while a job trains (null = leave libtorch's default). The default of 1 keeps
    /// the other cores of a small box for serving; libtorch's setting is process-wide, so this also caps
    /// inference's intra-op threads while a job runs.
    /// </summary>
    public int? Threads { get; set; } = 1;

    /// <summary>
    /// float32, or bfloat16: a bf16 copy of the model runs forward and backward while float32 master weights
    /// take the updates (several times faster matmuls on AMX CPUs).
    /// </summary>
    public string ComputeDType { get; set; } = "float32";

    /// <summary>Device for training: cpu, cuda or cuda:N.</summary>
    public string Device { get; set; } = "cpu";

    /// <summary>Write a step event every this many steps (the first and last step and every evaluation are always logged).</summary>
    public int LogEverySteps { get; set; } = 10;

    /// <summary>
    /// Between steps, while serving has queued inputs, the training thread waits (in short slices) up to this
    /// long per step, so bursts of requests do not queue behind a training step. 0 disables it.
    /// </summary>
    public TimeSpan MaxYieldPerStep { get; set; } = TimeSpan.FromSeconds(2);
}

namespace SimCse.Api.Configuration;

/// <summary>Section <c>SimCse:Training</c>: how fine-tuning shares the machine with serving.</summary>
public sealed class TrainingOptions
{
    public const string SectionName = "SimCse:Training";

    /// <summary>false = a serving-only replica: it never takes a job from the queue (it still accepts, lists and cancels them).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How long a replica's claim on a running job lasts without a heartbeat. A replica that dies leaves its job
    /// <c>running</c> until the lease expires; a surviving replica then marks it failed (<c>interrupted</c>).
    /// Heartbeats renew it every third of this.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often an idle worker looks for queued jobs and expired leases (a wake-up from a local request is immediate).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A running job writes a progress line to the service log this often (step n/N, loss, learning rate, ETA).</summary>
    public TimeSpan ProgressLogInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest <c>batch_size</c> (and <c>mini_batch_size</c>) a job may ask for.</summary>
    public int MaxBatchSize { get; set; } = 1024;

    /// <summary>Largest <c>n_epochs</c>.</summary>
    public int MaxEpochs { get; set; } = 1000;

    /// <summary>Largest number of optimizer steps a job may plan (<c>max_steps</c>, or epochs × batches per epoch).</summary>
    public int MaxSteps { get; set; } = 1_000_000;

    /// <summary>Largest <c>eval_steps</c>.</summary>
    public int MaxEvalSteps { get; set; } = 1_000_000;

    /// <summary>
    /// Budget for the activations one forward/backward pass keeps (estimated from the base model's shape, rows per
    /// pass and <c>max_seq_length</c>), so no job can take the memory the serving model needs. Over it → 400.
    /// </summary>
    public long MaxActivationBytes { get; set; } = 8L * 1024 * 1024 * 1024;

    /// <summary>
    /// <c>drop</c> (default): a job's optimizer state (<c>step-n.optimizer</c>, the size of two model copies) is deleted
    /// when the job ends; jobs are not resumed, so nothing needs it. <c>keep</c> leaves it beside each checkpoint.
    /// </summary>
    public string OptimizerStateRetention { get; set; } = "drop";

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

namespace SimCse.Core.Batching;

/// <summary>
/// Limits of the request queue and the model thread. Names and defaults follow TEI's flags so operators
/// can carry their intuition over. Bound from configuration section <c>SimCse:Batching</c>.
/// </summary>
public sealed class BatchingOptions
{
    public const string SectionName = "Batching";

    /// <summary>
    /// Most padded tokens (batch size × longest input) the model thread takes off the queue at once, FIFO.
    /// The batch is then split into forward passes by the <c>MaxPass*</c> limits.
    /// </summary>
    public int MaxBatchTokens { get; set; } = 16384;

    /// <summary>Most inputs the model thread takes off the queue at once.</summary>
    public int MaxBatchRequests { get; set; } = 256;

    /// <summary>The device the passes run on; picks the defaults of the <c>MaxPass*</c> limits. Set by the host from the model's device.</summary>
    public BatchingDevice Device { get; set; } = BatchingDevice.Cpu;

    /// <summary>Most inputs in one forward pass; null = the device default (CPU 32, or 16 on several forward lanes; GPU 256).</summary>
    public int? MaxPassRows { get; set; }

    /// <summary>Most padded tokens (rows × longest) in one forward pass; null = the device default (CPU 2048, GPU 16384).</summary>
    public int? MaxPassTokens { get; set; }

    /// <summary>Largest share of padding positions in one forward pass before its inputs are split; null = the device default (CPU 0.2, GPU 0.5).</summary>
    public double? MaxPaddingFraction { get; set; }

    /// <summary>
    /// Most forward passes of one batch that run at once, each on its own thread with its share of the
    /// cores; null = the device default (CPU: 2 with at least 2 logical CPUs, else 1; GPU: 1). On a CPU two
    /// single-threaded passes beat one two-threaded pass: no OpenMP barrier leaves a core idle, and a request
    /// thread that preempts one pass does not stall the other (bench/results/forward-lanes-2026-12-01.md).
    /// </summary>
    public int? ForwardLanes { get; set; }

    /// <summary><see cref="ForwardLanes"/> with the device default resolved.</summary>
    public int EffectiveForwardLanes => ForwardLanes ?? (Device == BatchingDevice.Cpu && Environment.ProcessorCount >= 2 ? 2 : 1);

    /// <summary>The forward-pass limits in effect: the configured ones, else the defaults of <see cref="Device"/> and <see cref="EffectiveForwardLanes"/>.</summary>
    public ForwardPassLimits PassLimits
    {
        get
        {
            var defaults = ForwardPassLimits.For(Device, EffectiveForwardLanes);
            return new ForwardPassLimits(
                MaxPassRows ?? defaults.MaxRows,
                MaxPassTokens ?? defaults.MaxTokens,
                MaxPaddingFraction ?? defaults.MaxPaddingFraction);
        }
    }

    /// <summary>
    /// Readiness answers from the last forward pass when it succeeded on the active model within this
    /// age (TEI's shape), so probes cost nothing under traffic; otherwise one probe pass runs, shared by
    /// every concurrent caller.
    /// </summary>
    public TimeSpan ReadinessMaxAge { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Most commands (swaps, probes, evaluations' functions) waiting for the model thread; more fail fast as overloaded.</summary>
    public int MaxQueuedCommands { get; set; } = 64;

    /// <summary>Requests with more characters than this take a tokenization slot before tokenizing; smaller ones never wait.</summary>
    public int TokenizationGateChars { get; set; } = 16384;

    /// <summary>Most large requests tokenized at once (<see cref="TokenizationGateChars"/>); 0 = half the logical CPUs, at least 1.</summary>
    public int MaxConcurrentTokenizations { get; set; }

    /// <summary><see cref="MaxConcurrentTokenizations"/> with 0 resolved.</summary>
    public int EffectiveTokenizationConcurrency =>
        MaxConcurrentTokenizations > 0 ? MaxConcurrentTokenizations : Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Most inputs admitted (queued or running) at once; beyond it requests fail fast as overloaded.</summary>
    public int MaxConcurrentRequests { get; set; } = 512;

    /// <summary>Most inputs one client request may carry.</summary>
    public int MaxClientBatchSize { get; set; } = 256;

    /// <summary>
    /// How long the model thread may wait for more inputs before running a batch that is not full.
    /// Zero (the default, like TEI) runs whatever is queued at once: under load batches fill by themselves.
    /// </summary>
    public TimeSpan MaxBatchDelay { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// How many previously active models stay loaded after a swap, so requests can pin an older version.
    /// Zero disposes the replaced model right after its last batch.
    /// </summary>
    public int PreviousModelsToKeep { get; set; }

    /// <summary>Every broken rule, in words; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxBatchTokens < 1)
        {
            errors.Add($"{nameof(MaxBatchTokens)} must be at least 1 (was {MaxBatchTokens}).");
        }

        if (MaxBatchRequests < 1)
        {
            errors.Add($"{nameof(MaxBatchRequests)} must be at least 1 (was {MaxBatchRequests}).");
        }

        if (MaxConcurrentRequests < 1)
        {
            errors.Add($"{nameof(MaxConcurrentRequests)} must be at least 1 (was {MaxConcurrentRequests}).");
        }

        if (MaxClientBatchSize < 1)
        {
            errors.Add($"{nameof(MaxClientBatchSize)} must be at least 1 (was {MaxClientBatchSize}).");
        }
        else if (MaxClientBatchSize > MaxConcurrentRequests)
        {
            // A request larger than all permits could never be admitted.
            errors.Add($"{nameof(MaxClientBatchSize)} ({MaxClientBatchSize}) must not exceed {nameof(MaxConcurrentRequests)} ({MaxConcurrentRequests}).");
        }

        if (MaxBatchDelay < TimeSpan.Zero || MaxBatchDelay > TimeSpan.FromMinutes(1))
        {
            errors.Add($"{nameof(MaxBatchDelay)} must be between 0 and 1 minute (was {MaxBatchDelay}).");
        }

        if (MaxPassRows is < 1)
        {
            errors.Add($"{nameof(MaxPassRows)} must be at least 1 (was {MaxPassRows}).");
        }

        if (ForwardLanes is < 1 or > 64)
        {
            errors.Add($"{nameof(ForwardLanes)} must be between 1 and 64 (was {ForwardLanes}).");
        }

        if (MaxPassTokens is < 1)
        {
            errors.Add($"{nameof(MaxPassTokens)} must be at least 1 (was {MaxPassTokens}).");
        }

        if (MaxPaddingFraction is < 0 or > 1 || (MaxPaddingFraction is { } fraction && double.IsNaN(fraction)))
        {
            errors.Add($"{nameof(MaxPaddingFraction)} must be between 0 and 1 (was {MaxPaddingFraction}).");
        }

        if (ReadinessMaxAge < TimeSpan.Zero)
        {
            errors.Add($"{nameof(ReadinessMaxAge)} must not be negative (was {ReadinessMaxAge}).");
        }

        if (MaxQueuedCommands < 1)
        {
            errors.Add($"{nameof(MaxQueuedCommands)} must be at least 1 (was {MaxQueuedCommands}).");
        }

        if (TokenizationGateChars < 0)
        {
            errors.Add($"{nameof(TokenizationGateChars)} must not be negative (was {TokenizationGateChars}).");
        }

        if (MaxConcurrentTokenizations < 0)
        {
            errors.Add($"{nameof(MaxConcurrentTokenizations)} must not be negative (was {MaxConcurrentTokenizations}).");
        }

        if (PreviousModelsToKeep < 0)
        {
            errors.Add($"{nameof(PreviousModelsToKeep)} must not be negative (was {PreviousModelsToKeep}).");
        }

        return errors;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every broken rule.</summary>
    public void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid batching options: " + string.Join(" ", errors));
        }
    }
}

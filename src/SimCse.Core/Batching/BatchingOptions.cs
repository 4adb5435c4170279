namespace SimCse.Core.Batching;

/// <summary>
/// Limits of the request queue and the model thread. Names and defaults follow TEI's flags so operators
/// can carry their intuition over. Bound from configuration section <c>SimCse:Batching</c>.
/// </summary>
public sealed class BatchingOptions
{
    public const string SectionName = "Batching";

    /// <summary>Most padded tokens (batch size × longest input) one forward pass may hold.</summary>
    public int MaxBatchTokens { get; set; } = 16384;

    /// <summary>Most inputs one forward pass may hold.</summary>
    public int MaxBatchRequests { get; set; } = 256;

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

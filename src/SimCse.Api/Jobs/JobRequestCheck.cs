using System.Text.Json;
using SimCse.Api.Configuration;
using SimCse.Core.Errors;
using SimCse.Modeling.Training;

namespace SimCse.Api.Jobs;

/// <summary>
/// The checks of a job request that need its data and base model: planned steps with checked arithmetic against
/// <c>SimCse:Training:MaxSteps</c>, and the activation-memory estimate against <c>MaxActivationBytes</c>.
/// </summary>
public static class JobRequestCheck
{
    /// <summary>Refuses fields the contract does not have (a typo must never silently fall back to a default).</summary>
    public static void RefuseUnknown(Dictionary<string, JsonElement>? unknown, string prefix)
    {
        if (unknown is { Count: > 0 })
        {
            string names = string.Join(", ", unknown.Keys.Select(name => $"'{prefix}{name}'"));
            throw new InvalidInputException($"Unknown field(s) {names}; see the API reference for the fields of a fine-tuning job.");
        }
    }

    /// <summary>The optimizer steps the job will run, computed with overflow checks.</summary>
    public static long PlannedSteps(TrainingHyperparameters hyperparameters, long examples, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(hyperparameters);
        ArgumentNullException.ThrowIfNull(options);
        long perEpoch = (examples + hyperparameters.BatchSize - 1) / hyperparameters.BatchSize;
        long planned;
        try
        {
            planned = hyperparameters.MaxSteps ?? checked(perEpoch * hyperparameters.Epochs);
        }
        catch (OverflowException)
        {
            throw new InvalidInputException($"'{HyperparameterRules.Field}.n_epochs' × {perEpoch} batches per epoch overflows.");
        }
        if (planned > options.MaxSteps)
        {
            throw new InvalidInputException($"'{HyperparameterRules.Field}.n_epochs': {hyperparameters.Epochs} epoch(s) of {perEpoch} batches is {planned} steps, more than SimCse:Training:MaxSteps ({options.MaxSteps}); lower n_epochs or set max_steps.");
        }
        return planned;
    }

    /// <summary>Refuses a job whose forward pass would keep more activations than the configured budget.</summary>
    public static void CheckMemory(TrainingHyperparameters hyperparameters, ModelShape? shape, int viewsPerExample, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(hyperparameters);
        ArgumentNullException.ThrowIfNull(options);
        if (shape is null)
        {
            return;
        }
        long rows = (long)Math.Min(hyperparameters.BatchSize, hyperparameters.MiniBatchSize ?? hyperparameters.BatchSize) * viewsPerExample;
        double bytes = ActivationMemoryEstimate.Bytes(shape, rows, hyperparameters.MaxSeqLength);
        if (bytes > options.MaxActivationBytes)
        {
            throw new InvalidInputException(
                $"'{HyperparameterRules.Field}.batch_size': {hyperparameters.BatchSize} rows × {viewsPerExample} views at max_seq_length {hyperparameters.MaxSeqLength} need about {bytes / (1 << 30):F1} GiB of activations, over the budget SimCse:Training:MaxActivationBytes ({options.MaxActivationBytes / (double)(1 << 30):F1} GiB); lower batch_size or max_seq_length, or set mini_batch_size.");
        }
    }
}

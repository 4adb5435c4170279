using System.Diagnostics;
using SimCse.Core.Errors;
using SimCse.Core.Models;

namespace SimCse.Core.Runtime;

/// <summary>The readiness probe: a real forward pass of a one-word input, checked for a well-formed vector.</summary>
internal static class ProbePass
{
    /// <summary>Runs on the model thread; records the outcome for readiness; throws <see cref="ModelExecutionException"/> on failure.</summary>
    public static ProbeResult Run(IEmbeddingModel model, BatchExecutor executor)
    {
        var input = model.Tokenizer.Encode("ready", model.Tokenizer.MaxLength);
        var started = Stopwatch.GetTimestamp();
        float[][] vectors;
        try
        {
            vectors = model.Embed([input]);
        }
        catch (Exception ex)
        {
            executor.RecordOutcome(model.Id, succeeded: false);
            throw new ModelExecutionException(model.Id, ex);
        }

        var duration = Stopwatch.GetElapsedTime(started);
        if (vectors is not [var vector] || vector.Length != model.Dimensions || !vector.All(float.IsFinite))
        {
            executor.RecordOutcome(model.Id, succeeded: false);
            throw new ModelExecutionException(model.Id, $"Model '{model.Id}' returned a malformed probe vector.");
        }

        executor.RecordOutcome(model.Id, succeeded: true);
        return new ProbeResult(model.Id, vector.Length, duration);
    }
}

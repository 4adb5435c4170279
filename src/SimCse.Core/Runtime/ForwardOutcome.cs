using System.Diagnostics;

namespace SimCse.Core.Runtime;

/// <summary>The last forward pass's outcome, published by the model thread for readiness checks.</summary>
/// <param name="ModelId">The model that ran it.</param>
/// <param name="Timestamp"><see cref="Stopwatch.GetTimestamp"/> when it ended.</param>
/// <param name="Succeeded">False when it threw or returned malformed vectors.</param>
internal sealed record ForwardOutcome(string ModelId, long Timestamp, bool Succeeded)
{
    /// <summary>True when this is a success on <paramref name="modelId"/> no older than <paramref name="maxAge"/>.</summary>
    public bool IsRecentSuccessOn(string modelId, TimeSpan maxAge) =>
        Succeeded
        && string.Equals(ModelId, modelId, StringComparison.Ordinal)
        && Stopwatch.GetElapsedTime(Timestamp) <= maxAge;
}

namespace SimCse.Core.Batching;

/// <summary>What the batch planner needs to know about one queued input.</summary>
/// <param name="Length">Token count, special tokens included.</param>
/// <param name="IsCancelled">True when nobody waits for the result any more; such items are dropped, never computed.</param>
/// <param name="ModelId">The model that must compute it; a batch never mixes models.</param>
public readonly record struct QueuedItem(int Length, bool IsCancelled, string? ModelId);

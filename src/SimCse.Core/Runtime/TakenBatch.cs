namespace SimCse.Core.Runtime;

/// <summary>What the model thread took off the queue in one step: inputs to run, on which model, and inputs to drop.</summary>
/// <param name="ModelId">The model all <paramref name="Items"/> run on; null when no model is loaded.</param>
/// <param name="Items">Inputs to run, FIFO order.</param>
/// <param name="Dropped">Abandoned inputs to finish without computing.</param>
/// <param name="PaddedTokens">Items × longest item.</param>
internal sealed record TakenBatch(string? ModelId, WorkItem[] Items, WorkItem[] Dropped, int PaddedTokens);

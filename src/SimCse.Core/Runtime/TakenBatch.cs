namespace SimCse.Core.Runtime;

/// <summary>What the model thread took off the queue in one step: the forward passes to run, on which model, and inputs to drop.</summary>
/// <param name="ModelId">The model all passes run on; null when no model is loaded.</param>
/// <param name="Passes">The forward passes, in order, exactly as the planner shaped them (each sorted by length).</param>
/// <param name="Dropped">Abandoned inputs to finish without computing.</param>
/// <param name="Inputs">Inputs over all passes (each holds one admission permit).</param>
internal sealed record TakenBatch(string? ModelId, WorkItem[][] Passes, WorkItem[] Dropped, int Inputs);

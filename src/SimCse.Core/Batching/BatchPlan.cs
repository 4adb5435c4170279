namespace SimCse.Core.Batching;

/// <summary>
/// The planner's decision. The queue's first <see cref="Consumed"/> items leave it: those listed in
/// <see cref="Batch"/> run now, as the forward passes in <see cref="Passes"/>; those in <see cref="Dropped"/>
/// were cancelled. The rest stay, in order.
/// </summary>
/// <param name="Batch">Queue indices to run, ascending (FIFO).</param>
/// <param name="Dropped">Queue indices of cancelled items inside the consumed prefix, ascending.</param>
/// <param name="Consumed">Length of the queue prefix that leaves the queue.</param>
/// <param name="IsFull">
/// True when a limit (tokens, count, another model) ended the batch rather than the end of the queue,
/// i.e. waiting for more input cannot make it bigger.
/// </param>
/// <param name="PaddedTokens">Batch size × longest input: the cost the queue's token budget bounds.</param>
/// <param name="Passes">
/// The forward passes the model runs, in order: queue indices, each pass sorted by length. Together they
/// hold exactly the indices of <see cref="Batch"/>.
/// </param>
public sealed record BatchPlan(IReadOnlyList<int> Batch, IReadOnlyList<int> Dropped, int Consumed, bool IsFull, int PaddedTokens, IReadOnlyList<int[]> Passes);

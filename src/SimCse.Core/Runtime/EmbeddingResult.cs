namespace SimCse.Core.Runtime;

/// <summary>The vectors of one request, in input order, and which model computed them.</summary>
/// <param name="Embeddings">One L2-normalised vector per input, in the order the inputs were given.</param>
/// <param name="ModelId">The model that computed every vector (the API's <c>model</c> and <c>X-Model-Version</c>).</param>
/// <param name="TokenCount">Tokens over all inputs, special tokens included, without padding (<c>prompt_tokens</c>).</param>
/// <param name="QueueTime">Time from enqueue until the request's first batch started.</param>
public sealed record EmbeddingResult(IReadOnlyList<float[]> Embeddings, string ModelId, int TokenCount, TimeSpan QueueTime);

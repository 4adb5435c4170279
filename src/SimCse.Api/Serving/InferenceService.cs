using System.Diagnostics;
using Microsoft.Extensions.Options;
using SimCse.Api.Configuration;
using SimCse.Core.Batching;
using SimCse.Core.Diagnostics;
using SimCse.Core.Errors;
using SimCse.Core.Runtime;
using SimCse.Core.Tokenization;

namespace SimCse.Api.Serving;

/// <summary>
/// The request-side half of inference, in the order that keeps abuse cheap: admission permits first
/// (an overloaded service refuses before any work), then tokenization on the caller's thread (large
/// requests through the bounded <see cref="TokenizationGate"/>), then the queue, pinned to the model whose
/// tokenizer produced the tokens.
/// </summary>
public sealed class InferenceService(
    ModelRuntime runtime,
    SimCseMetrics metrics,
    TokenizationGate tokenizationGate,
    IOptions<BatchingOptions> batching,
    IOptions<InferenceOptions> inference)
{
    public int MaxClientBatchSize => batching.Value.MaxClientBatchSize;

    /// <summary>Throws <see cref="BatchTooLargeException"/> before any work when a request has too many inputs.</summary>
    public void EnsureBatchSize(int inputs)
    {
        if (inputs > MaxClientBatchSize)
        {
            throw new BatchTooLargeException(inputs, MaxClientBatchSize);
        }
    }

    public LoadedModelInfo ResolveModel(string? modelId) => runtime.ResolveModel(modelId);

    /// <summary>Tokenizes for <paramref name="model"/>: truncates long inputs, or refuses them (422) when auto-truncation is off.</summary>
    public IReadOnlyList<TokenizedInput> Tokenize(LoadedModelInfo model, IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(texts);
        long started = Stopwatch.GetTimestamp();
        var result = new TokenizedInput[texts.Count];
        for (int i = 0; i < texts.Count; i++)
        {
            result[i] = model.Tokenizer.Encode(texts[i], model.Tokenizer.MaxLength);
            if (result[i].Truncated && !inference.Value.AutoTruncate)
            {
                throw new SimCseException(
                    ErrorKind.Unprocessable,
                    $"input[{i}] has more than {model.Tokenizer.MaxLength} tokens, the most model '{model.Id}' accepts, and auto-truncation is off.");
            }
        }
        metrics.RecordTokenization(Stopwatch.GetElapsedTime(started));
        return result;
    }

    /// <summary><see cref="Tokenize"/> behind the tokenization gate: large requests wait for a slot (cancellable), small ones never do.</summary>
    public async ValueTask<IReadOnlyList<TokenizedInput>> TokenizeAsync(LoadedModelInfo model, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        using TokenizationGate.Slot slot = await tokenizationGate.EnterAsync(CountCharacters(texts), cancellationToken);
        return Tokenize(model, texts);
    }

    /// <summary>
    /// Pre-tokenized inputs: ids of <paramref name="model"/>'s vocabulary used as given (special tokens
    /// included), as TEI reads them. An id outside the vocabulary is a 400 naming the first one; an input
    /// over the model's length keeps its first max−1 ids and its last (the [SEP] that /v1/tokenize ends
    /// with), or is refused (422) when auto-truncation is off.
    /// </summary>
    public IReadOnlyList<TokenizedInput> FromTokenIds(LoadedModelInfo model, IReadOnlyList<int[]> inputs)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputs);
        int maxLength = model.Tokenizer.MaxLength;
        var result = new TokenizedInput[inputs.Count];
        for (int i = 0; i < inputs.Count; i++)
        {
            int[] ids = inputs[i];
            string field = inputs.Count == 1 ? "input" : $"input[{i}]";
            for (int j = 0; j < ids.Length; j++)
            {
                if (!InVocabulary(model.Tokenizer, ids[j]))
                {
                    throw new InvalidInputException(
                        $"'{field}' holds token id {ids[j]} at position {j}, which is not in the vocabulary of model '{model.Id}' (ids 0 to {VocabularySize(model.Tokenizer) - 1}). Token ids must come from this model's tokenizer (/v1/tokenize), not from another one such as tiktoken.");
                }
            }
            bool truncated = ids.Length > maxLength;
            if (truncated && !inference.Value.AutoTruncate)
            {
                throw new SimCseException(
                    ErrorKind.Unprocessable,
                    $"{field} has {ids.Length} tokens; model '{model.Id}' accepts at most {maxLength} and auto-truncation is off.");
            }
            int[] kept = truncated ? [.. ids.AsSpan(0, maxLength - 1), ids[^1]] : ids;
            result[i] = new TokenizedInput(kept, new (int, int)[kept.Length], new bool[kept.Length], truncated, ids.Length);
        }
        return result;
    }

    /// <summary>Embeds token-id inputs (see <see cref="FromTokenIds"/>) with the named or the active model, admitted first like text.</summary>
    public Task<EmbeddingOutcome> EmbedTokenIdsAsync(IReadOnlyList<int[]> inputs, string? modelId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        // On a retry the ids are checked against the new active model's vocabulary.
        return EmbedAdmittingAsync(inputs.Count, modelId, model => ValueTask.FromResult(FromTokenIds(model, inputs)), cancellationToken);
    }

    private static bool InVocabulary(ITextTokenizer tokenizer, int id)
    {
        if (id < 0)
        {
            return false;
        }
        try
        {
            tokenizer.IdToToken(id);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    /// <summary>The vocabulary size, found by bisection over <see cref="ITextTokenizer.IdToToken"/> (only for the error message).</summary>
    private static int VocabularySize(ITextTokenizer tokenizer)
    {
        int low = 0, high = int.MaxValue;
        while (low < high)
        {
            int middle = low + ((high - low) / 2);
            if (InVocabulary(tokenizer, middle))
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }

    public Task<EmbeddingOutcome> EmbedAsync(IReadOnlyList<string> texts, string? modelId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return EmbedAdmittingAsync(texts.Count, modelId, model => TokenizeAsync(model, texts, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Admits <paramref name="count"/> inputs, prepares them for the resolved model and queues them. If the active
    /// model was swapped out (and not kept) between preparing and queueing, the caller asked for "the active model",
    /// so the inputs are prepared again for the new one, once. A request that reached the queue gave its permits
    /// back already: it is admitted again.
    /// </summary>
    private async Task<EmbeddingOutcome> EmbedAdmittingAsync(int count, string? modelId, Func<LoadedModelInfo, ValueTask<IReadOnlyList<TokenizedInput>>> prepare, CancellationToken cancellationToken)
    {
        EnsureBatchSize(count);
        AdmissionTicket ticket = runtime.Admit(count);
        try
        {
            for (int attempt = 0; ; attempt++)
            {
                LoadedModelInfo model = runtime.ResolveModel(modelId);
                IReadOnlyList<TokenizedInput> tokens = await prepare(model);
                try
                {
                    return await EmbedAdmittedAsync(ticket, tokens, model.Id, cancellationToken);
                }
                catch (ModelNotFoundException) when (modelId is null && attempt == 0)
                {
                    if (!ticket.IsHeld)
                    {
                        ticket = runtime.Admit(count);
                    }
                }
            }
        }
        finally
        {
            // Gives the permits back unless the queue took them over.
            ticket.Dispose();
        }
    }

    /// <summary>Queues tokens admitted by <paramref name="ticket"/> (which the queue takes over) and shapes the outcome.</summary>
    private async Task<EmbeddingOutcome> EmbedAdmittedAsync(AdmissionTicket ticket, IReadOnlyList<TokenizedInput> tokens, string modelId, CancellationToken cancellationToken)
    {
        EmbeddingResult result = await runtime.EmbedAsync(ticket, tokens, modelId, cancellationToken);
        return new EmbeddingOutcome(result.Embeddings, result.ModelId, result.TokenCount, result.QueueTime);
    }

    private static long CountCharacters(IReadOnlyList<string> texts)
    {
        long characters = 0;
        foreach (string text in texts)
        {
            characters += text.Length;
        }
        return characters;
    }
}

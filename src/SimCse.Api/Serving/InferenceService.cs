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
/// The request-side half of inference: validates sizes, tokenizes on the caller's thread, and queues the
/// tokens for the model thread pinned to the model whose tokenizer produced them.
/// </summary>
public sealed class InferenceService(
    ModelRuntime runtime,
    SimCseMetrics metrics,
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

    public async Task<EmbeddingOutcome> EmbedAsync(IReadOnlyList<string> texts, string? modelId, CancellationToken cancellationToken)
    {
        EnsureBatchSize(texts.Count);
        for (int attempt = 0; ; attempt++)
        {
            LoadedModelInfo model = runtime.ResolveModel(modelId);
            IReadOnlyList<TokenizedInput> tokens = Tokenize(model, texts);
            try
            {
                EmbeddingResult result = await runtime.EmbedAsync(tokens, model.Id, cancellationToken);
                return new EmbeddingOutcome(result.Embeddings, result.ModelId, result.TokenCount, result.QueueTime);
            }
            catch (ModelNotFoundException) when (modelId is null && attempt == 0)
            {
                // The active model was swapped out (and not kept) between tokenizing and queueing: the
                // caller asked for "the active model", so tokenize again for the new one, once.
            }
        }
    }
}

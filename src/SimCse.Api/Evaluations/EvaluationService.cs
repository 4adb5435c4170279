using SimCse.Api.Contracts;
using SimCse.Api.Files;
using SimCse.Api.Registry;
using SimCse.Api.Serving;
using SimCse.Core.Errors;
using SimCse.Core.Models;
using SimCse.Core.Runtime;
using SimCse.Core.Tokenization;
using SimCse.Modeling.Data;
using SimCse.Modeling.Evaluation;

namespace SimCse.Api.Evaluations;

/// <summary>
/// STS evaluation of a model on scored pairs. A model the runtime has loaded is embedded through
/// <see cref="InferenceService"/>: its batches queue FIFO with serving requests on the model thread, so an
/// evaluation never pre-empts traffic and needs no second copy of the weights. A registered model that is
/// not loaded is loaded on a side thread for the evaluation and disposed after it.
/// </summary>
public sealed class EvaluationService(
    InferenceService inference,
    ModelRuntime runtime,
    ModelRegistry registry,
    ModelFactory factory,
    FileStore files)
{
    private const int SideBatchSize = 32;

    public async Task<EvaluationResponse> EvaluateFileAsync(string? modelId, string? fileId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(fileId))
        {
            throw new InvalidInputException("'file' is required: the id of a file uploaded with purpose \"evaluation\".");
        }
        (Persistence.StoredFile record, string path) = await files.OpenAsync(fileId, cancellationToken);
        if (record.Purpose != FilePurposes.Evaluation)
        {
            throw new InvalidInputException($"'file' ('{fileId}') was uploaded with purpose \"{record.Purpose}\"; it needs \"{FilePurposes.Evaluation}\".");
        }
        IReadOnlyList<StsPair> pairs = DataFileFormats.ReadEvaluation(path, record.Filename);
        if (pairs.Count < 2)
        {
            throw new InvalidInputException($"'file' ('{record.Filename}') has {pairs.Count} pair(s); evaluation needs at least 2.");
        }
        return await EvaluateAsync(modelId, pairs, cancellationToken);
    }

    public async Task<EvaluationResponse> EvaluateAsync(string? modelId, IReadOnlyList<StsPair> pairs, CancellationToken cancellationToken)
    {
        string id = modelId ?? runtime.ActiveModelId ?? throw new SimCseException(ErrorKind.NotReady, "No model is active yet; name one in 'model'.");
        var evaluator = new StsEvaluator(pairs);
        StsEvaluation evaluation;
        if (runtime.LoadedModelIds.Contains(id))
        {
            Dictionary<string, float[]> vectors = await EmbedLoadedAsync(id, evaluator.Sentences, cancellationToken);
            evaluation = evaluator.Evaluate(texts => texts.Select(text => vectors[text]).ToArray());
        }
        else
        {
            ModelLocation location = registry.Locate(id);
            evaluation = await Task.Run(() => EvaluateSideLoaded(location, evaluator, cancellationToken), cancellationToken);
        }
        return UndefinedMetrics.Describe(id, evaluation, pairs, evaluator.ScaleMaximum);
    }

    private async Task<Dictionary<string, float[]>> EmbedLoadedAsync(string id, IReadOnlyList<string> sentences, CancellationToken cancellationToken)
    {
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (string[] chunk in sentences.Chunk(Math.Max(1, inference.MaxClientBatchSize)))
        {
            EmbeddingOutcome outcome = await inference.EmbedAsync(chunk, id, cancellationToken);
            for (int i = 0; i < chunk.Length; i++)
            {
                vectors[chunk[i]] = outcome.Vectors[i];
            }
        }
        return vectors;
    }

    private StsEvaluation EvaluateSideLoaded(ModelLocation location, StsEvaluator evaluator, CancellationToken cancellationToken)
    {
        using IEmbeddingModel model = factory.Load(location);
        return evaluator.Evaluate(texts =>
        {
            var result = new List<float[]>(texts.Count);
            foreach (string[] chunk in texts.Chunk(SideBatchSize))
            {
                cancellationToken.ThrowIfCancellationRequested();
                TokenizedInput[] batch = chunk.Select(text => model.Tokenizer.Encode(text, model.Tokenizer.MaxLength)).ToArray();
                result.AddRange(model.Embed(batch));
            }
            return result.ToArray();
        });
    }
}

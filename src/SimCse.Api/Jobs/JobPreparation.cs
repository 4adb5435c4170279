using System.Text.Json;
using SimCse.Api.Files;
using SimCse.Api.Persistence;
using SimCse.Api.Registry;
using SimCse.Api.Serving;
using SimCse.Modeling.Data;
using SimCse.Modeling.Loading;
using SimCse.Modeling.Packaging;
using SimCse.Modeling.Training;

namespace SimCse.Api.Jobs;

/// <summary>
/// Turns a claimed job row into the trainer's <see cref="TrainingJob"/>: its files read again (validated at creation;
/// this catches a file changed or lost since) and its own copy of the base model (never the serving model's
/// tensors). The one mapping from a stored job to what the trainer runs. Failures are <see cref="JobStartException"/>s
/// with the job's error code.
/// </summary>
public sealed class JobPreparation(FileStore files, ModelRegistry registry, DataPaths paths)
{
    public string CheckpointFolder(string jobId) => Path.Combine(paths.Root, "checkpoints", jobId);

    public async Task<TrainingJob> PrepareAsync(FineTuningJobRecord job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ModelArtifacts baseModel = await Task.Run(() => LoadBaseModel(job), cancellationToken);
        TrainingMethod method = TrainingMethodNames.TryParse(job.Method, out TrainingMethod parsed) ? parsed : TrainingMethod.Unsupervised;
        TrainingHyperparameters hyperparameters = JsonSerializer.Deserialize<TrainingHyperparameters>(job.HyperparametersJson)
            ?? throw new JobStartException("invalid_hyperparameters", "The stored hyperparameters are empty.");
        try
        {
            (StoredFile trainingFile, string trainingPath) = await files.OpenAsync(job.TrainingFile, cancellationToken);
            return new TrainingJob
            {
                BaseModelId = job.Model,
                BaseModel = baseModel,
                JobId = job.Id,
                OutputDirectory = CheckpointFolder(job.Id),
                Method = method,
                Sentences = method == TrainingMethod.Unsupervised ? DataFileFormats.ReadSentences(trainingPath, trainingFile.Filename) : null,
                Triplets = method == TrainingMethod.Supervised ? DataFileFormats.ReadTriplets(trainingPath, trainingFile.Filename) : null,
                ScoredPairs = method == TrainingMethod.ScoredPairs ? DataFileFormats.ReadEvaluation(trainingPath, trainingFile.Filename) : null,
                Validation = job.ValidationFile is null ? null : await ReadValidationAsync(job.ValidationFile, cancellationToken),
                Hyperparameters = hyperparameters,
            };
        }
        catch (Exception ex) when (ex is Core.Errors.SimCseException or IOException or UnauthorizedAccessException)
        {
            throw new JobStartException("invalid_file", ex.Message, ex);
        }
    }

    public async Task<IReadOnlyList<StsPair>> ReadValidationAsync(string fileId, CancellationToken cancellationToken)
    {
        (StoredFile record, string path) = await files.OpenAsync(fileId, cancellationToken);
        return DataFileFormats.ReadEvaluation(path, record.Filename);
    }

    private ModelArtifacts LoadBaseModel(FineTuningJobRecord job)
    {
        try
        {
            ModelLocation location = registry.Locate(job.Model);
            string folder = location.Packaged is not null ? PackagedModelImporter.EnsureCached(location.Packaged, paths.Root) : location.Folder!;
            return ModelFolderReader.Read(folder).Artifacts;
        }
        catch (Exception ex) when (ex is Core.Errors.SimCseException or IOException or InvalidDataException or ArgumentException or UnauthorizedAccessException)
        {
            throw new JobStartException("model_load_failed", $"Base model '{job.Model}' could not be loaded: {ex.Message}", ex);
        }
    }
}

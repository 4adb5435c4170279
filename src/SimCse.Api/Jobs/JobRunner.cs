using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SimCse.Api.Configuration;
using SimCse.Api.Files;
using SimCse.Api.Persistence;
using SimCse.Api.Registry;
using SimCse.Api.Serving;
using SimCse.Core.Diagnostics;
using SimCse.Modeling.Data;
using SimCse.Modeling.Loading;
using SimCse.Modeling.Packaging;
using SimCse.Modeling.Training;

namespace SimCse.Api.Jobs;

/// <summary>
/// Runs one job on the calling (training) thread: queued → running, reads its files, loads its own copy of
/// the base model, trains, records the outcome (succeeded, failed with a code, or cancelled with its
/// checkpoints kept), then applies <c>auto_activate</c>.
/// </summary>
public sealed partial class JobRunner(
    IDbContextFactory<SimCseDbContext> databases,
    FileStore files,
    ModelRegistry registry,
    DataPaths paths,
    JobLog log,
    JobSignals signals,
    CheckpointRegistrar checkpoints,
    AutoActivation autoActivation,
    SimCseMetrics metrics,
    IOptions<TrainingOptions> options,
    ILogger<JobRunner> logger)
{
    /// <summary>The oldest queued job, or null.</summary>
    public FineTuningJobRecord? NextQueued()
    {
        using SimCseDbContext database = databases.CreateDbContext();
        return database.Jobs.AsNoTracking().Where(job => job.Status == JobStatuses.Queued)
            .OrderBy(job => job.CreatedAt).ThenBy(job => job.Id).FirstOrDefault();
    }

    public void Run(FineTuningJobRecord job, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(job);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        signals.Register(job.Id, cancellation);
        try
        {
            if (!TryStart(job))
            {
                return;
            }
            LogStarted(logger, job.Id);
            Execute(job, cancellation.Token, stopping);
        }
        finally
        {
            signals.Unregister(job.Id);
        }
    }

    private void Execute(FineTuningJobRecord job, CancellationToken cancellationToken, CancellationToken stopping)
    {
        TrainingJob training;
        try
        {
            training = Prepare(job, LoadBaseModel(job));
        }
        catch (JobStartException ex)
        {
            Finish(job.Id, JobStatuses.Failed, ex.Code, ex.Message);
            return;
        }

        TrainingResult result;
        try
        {
            var trainer = new SimCseTrainer(new TrainerOptions
            {
                Device = options.Value.Device,
                ThreadCount = options.Value.Threads,
                ComputeDType = options.Value.ComputeDType,
                HardNegativesMined = mining => log.Info(job.Id, $"Mined {mining.Mined} hard negatives for {mining.PairsWithoutNegative} pairs without one (mining_margin {mining.Margin}).",
                    new System.Text.Json.Nodes.JsonObject { ["mined_negatives"] = mining.Mined, ["pairs_without_negative"] = mining.PairsWithoutNegative }),
            });
            var recorder = new JobProgressRecorder(job, databases, log, checkpoints, metrics, options.Value, cancellationToken);
            result = trainer.Train(training, recorder, cancellationToken);
        }
#pragma warning disable CA1031 // A failing job must fail that job, never the worker or the process.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogFailed(logger, job.Id, ex);
            checkpoints.ForgetMissing(job.Id);
            Finish(job.Id, JobStatuses.Failed, "training_failed", ex.Message, BestRegistered(job.Id));
            return;
        }

        checkpoints.EnsureRegistered(job, result.Last);
        checkpoints.EnsureRegistered(job, result.Best);
        checkpoints.ForgetMissing(job.Id);
        string? best = result.Best?.ModelId;
        if (result.Status == TrainingStatus.Cancelled)
        {
            // On shutdown the job is left "running": start-up recovery marks it interrupted, the documented restart policy.
            if (stopping.IsCancellationRequested)
            {
                return;
            }
            Finish(job.Id, JobStatuses.Cancelled, null, null, best ?? BestRegistered(job.Id), $"Job cancelled after {result.Steps} step(s); its checkpoints are kept.");
            return;
        }
        if (job.AutoActivate && best is not null)
        {
            try
            {
                autoActivation.Run(job.Id, best, job.ValidationFile is null ? null : ReadValidation(job.ValidationFile));
            }
#pragma warning disable CA1031 // The training succeeded; an activation that fails is reported, not turned into a failed job.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                log.Warn(job.Id, $"auto_activate: not activated: {ex.Message}");
            }
        }
        Finish(job.Id, JobStatuses.Succeeded, null, null, best, $"Job succeeded after {result.Steps} step(s) in {result.Elapsed.TotalSeconds:F1} s; best checkpoint {best}.");
    }

    /// <summary>queued → running, atomically (a concurrent cancel wins or loses cleanly).</summary>
    private bool TryStart(FineTuningJobRecord job)
    {
        long now = UnixTime.Now();
        using SimCseDbContext database = databases.CreateDbContext();
        int started = database.Jobs.Where(j => j.Id == job.Id && j.Status == JobStatuses.Queued)
            .ExecuteUpdate(set => set.SetProperty(j => j.Status, JobStatuses.Running).SetProperty(j => j.StartedAt, now));
        if (started == 1)
        {
            log.Info(job.Id, "Job started.");
        }
        return started == 1;
    }

    /// <summary>The job's own copy of the base model's weights (never the serving model's tensors).</summary>
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

    /// <summary>Reads the files again (they were validated at creation; this catches a file changed or lost since).</summary>
    private TrainingJob Prepare(FineTuningJobRecord job, ModelArtifacts baseModel)
    {
        TrainingMethod method = TrainingMethodNames.TryParse(job.Method, out TrainingMethod parsed) ? parsed : TrainingMethod.Unsupervised;
        TrainingHyperparameters hyperparameters = JsonSerializer.Deserialize<TrainingHyperparameters>(job.HyperparametersJson)!;
        try
        {
            (StoredFile trainingFile, string trainingPath) = files.OpenAsync(job.TrainingFile, CancellationToken.None).GetAwaiter().GetResult();
            return new TrainingJob
            {
                BaseModelId = job.Model,
                BaseModel = baseModel,
                JobId = job.Id,
                OutputDirectory = Path.Combine(paths.Root, "checkpoints", job.Id),
                Method = method,
                Sentences = method == TrainingMethod.Unsupervised ? DataFileFormats.ReadSentences(trainingPath, trainingFile.Filename) : null,
                Triplets = method == TrainingMethod.Supervised ? DataFileFormats.ReadTriplets(trainingPath, trainingFile.Filename) : null,
                ScoredPairs = method == TrainingMethod.ScoredPairs ? DataFileFormats.ReadEvaluation(trainingPath, trainingFile.Filename) : null,
                Validation = job.ValidationFile is null ? null : ReadValidation(job.ValidationFile),
                Hyperparameters = hyperparameters,
            };
        }
        catch (Exception ex) when (ex is Core.Errors.SimCseException or IOException or UnauthorizedAccessException)
        {
            throw new JobStartException("invalid_file", ex.Message, ex);
        }
    }

    private IReadOnlyList<StsPair> ReadValidation(string fileId)
    {
        (StoredFile record, string path) = files.OpenAsync(fileId, CancellationToken.None).GetAwaiter().GetResult();
        return DataFileFormats.ReadEvaluation(path, record.Filename);
    }

    private string? BestRegistered(string jobId)
    {
        using SimCseDbContext database = databases.CreateDbContext();
        return database.JobCheckpoints.AsNoTracking().Where(c => c.JobId == jobId)
            .OrderByDescending(c => c.ValidSpearman).ThenByDescending(c => c.StepNumber).Select(c => c.ModelId).FirstOrDefault();
    }

    private void Finish(string jobId, string status, string? errorCode, string? errorMessage, string? fineTunedModel = null, string? message = null)
    {
        long now = UnixTime.Now();
        using (SimCseDbContext database = databases.CreateDbContext())
        {
            database.Jobs.Where(j => j.Id == jobId).ExecuteUpdate(set => set
                .SetProperty(j => j.Status, status)
                .SetProperty(j => j.FinishedAt, now)
                .SetProperty(j => j.ErrorCode, errorCode)
                .SetProperty(j => j.ErrorMessage, errorMessage)
                .SetProperty(j => j.FineTunedModel, fineTunedModel)
                .SetProperty(j => j.EtaSeconds, (long?)null));
        }
        if (errorCode is not null)
        {
            log.Error(jobId, $"Job failed ({errorCode}): {errorMessage}");
        }
        else if (message is not null)
        {
            log.Info(jobId, message);
        }
        LogFinished(logger, jobId, status);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fine-tuning job {JobId} started")]
    private static partial void LogStarted(ILogger logger, string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fine-tuning job {JobId} finished: {Status}")]
    private static partial void LogFinished(ILogger logger, string jobId, string status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Fine-tuning job {JobId} failed")]
    private static partial void LogFailed(ILogger logger, string jobId, Exception exception);
}

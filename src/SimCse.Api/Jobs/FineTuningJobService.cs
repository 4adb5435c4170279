using Microsoft.EntityFrameworkCore;
using SimCse.Api.Contracts;
using SimCse.Api.Files;
using SimCse.Api.Persistence;
using SimCse.Api.Registry;
using SimCse.Core.Errors;
using SimCse.Modeling.Training;

namespace SimCse.Api.Jobs;

/// <summary>
/// The job routes' logic: validates a new job completely before accepting it (so a bad request is a 400
/// naming the field, not a job that fails later), lists and reads jobs, events and checkpoints, cancels.
/// </summary>
public sealed class FineTuningJobService(
    IDbContextFactory<SimCseDbContext> databases,
    FileStore files,
    ModelRegistry registry,
    JobSignals signals)
{
    public async Task<FineTuningJobObject> CreateAsync(FineTuningJobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string model = Require(request.Model, "model");
        string trainingFile = Require(request.TrainingFile, "training_file");
        TrainingMethod method = ParseMethod(request.Method?.Type);
        TrainingHyperparameters hyperparameters = (request.Method?.Hyperparameters ?? new TrainingHyperparameters()).WithDefaultsFor(method);
        if (request.Seed is { } seed)
        {
            hyperparameters = hyperparameters with { Seed = seed };
        }
        try
        {
            hyperparameters.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new InvalidInputException($"'method.hyperparameters': {ex.Message}");
        }
        if (request.Suffix is { Length: > 64 })
        {
            throw new InvalidInputException("'suffix' must be at most 64 characters.");
        }
        registry.Locate(model);

        var job = new FineTuningJobRecord
        {
            Id = ResourceIds.New("ftjob"),
            Model = model,
            Status = JobStatuses.ValidatingFiles,
            CreatedAt = UnixTime.Now(),
            Method = TrainingMethodNames.Of(method),
            HyperparametersJson = hyperparameters.ToJson().ToJsonString(),
            TrainingFile = trainingFile,
            ValidationFile = request.ValidationFile,
            Seed = hyperparameters.Seed,
            Suffix = request.Suffix,
            AutoActivate = request.AutoActivate ?? false,
            TotalSteps = hyperparameters.MaxSteps ?? 0,
        };
        // validating_files is stored first, so a crash while a large file is parsed leaves a visible job that start-up recovery fails.
        await using (SimCseDbContext database = await databases.CreateDbContextAsync(cancellationToken))
        {
            database.Jobs.Add(job);
            database.JobEvents.Add(JobLog.Create(job.Id, "info", $"Created fine-tuning job {job.Id} ({job.Method}, base model {model}); validating files."));
            await database.SaveChangesAsync(CancellationToken.None);
        }
        string summary;
        try
        {
            summary = await ValidateFilesAsync(job, method, cancellationToken);
        }
        catch
        {
            // A request refused with 400/404 leaves no job behind.
            await using SimCseDbContext database = await databases.CreateDbContextAsync(CancellationToken.None);
            await database.JobEvents.Where(e => e.JobId == job.Id).ExecuteDeleteAsync(CancellationToken.None);
            await database.Jobs.Where(j => j.Id == job.Id).ExecuteDeleteAsync(CancellationToken.None);
            throw;
        }
        await using (SimCseDbContext database = await databases.CreateDbContextAsync(CancellationToken.None))
        {
            await database.Jobs.Where(j => j.Id == job.Id && j.Status == JobStatuses.ValidatingFiles)
                .ExecuteUpdateAsync(set => set.SetProperty(j => j.Status, JobStatuses.Queued), CancellationToken.None);
            database.JobEvents.Add(JobLog.Create(job.Id, "info", $"Validated files: {summary}. Job queued."));
            await database.SaveChangesAsync(CancellationToken.None);
        }
        signals.Wake();
        // Read back: a cancel may have landed while the files were validated.
        return await GetAsync(job.Id, CancellationToken.None);
    }

    /// <summary>Newest first; <c>has_more</c> says whether more than <paramref name="limit"/> exist.</summary>
    public async Task<ListResponse<FineTuningJobObject>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        int take = Math.Clamp(limit, 1, 1000);
        await using SimCseDbContext database = await databases.CreateDbContextAsync(cancellationToken);
        List<FineTuningJobRecord> jobs = await database.Jobs.AsNoTracking()
            .OrderByDescending(job => job.CreatedAt).ThenByDescending(job => job.Id).Take(take + 1).ToListAsync(cancellationToken);
        return new ListResponse<FineTuningJobObject>(jobs.Take(take).Select(JobMapper.ToObject).ToList(), jobs.Count > take);
    }

    public async Task<FineTuningJobObject> GetAsync(string id, CancellationToken cancellationToken) =>
        JobMapper.ToObject(await FindAsync(id, cancellationToken));

    /// <summary>A queued job is cancelled at once; a running one within one training step (its checkpoints are kept). 409 when already finished.</summary>
    public async Task<FineTuningJobObject> CancelAsync(string id, CancellationToken cancellationToken)
    {
        await using SimCseDbContext database = await databases.CreateDbContextAsync(cancellationToken);
        await FindAsync(id, cancellationToken);
        long now = UnixTime.Now();
        // A conditional update, so a job the worker is just starting is either cancelled here or seen running below.
        int cancelledQueued = await database.Jobs
            .Where(job => job.Id == id && (job.Status == JobStatuses.Queued || job.Status == JobStatuses.ValidatingFiles))
            .ExecuteUpdateAsync(set => set.SetProperty(job => job.Status, JobStatuses.Cancelled).SetProperty(job => job.FinishedAt, now), cancellationToken);
        if (cancelledQueued == 1)
        {
            database.JobEvents.Add(JobLog.Create(id, "info", "Job cancelled before it started."));
            await database.SaveChangesAsync(CancellationToken.None);
        }
        else
        {
            FineTuningJobRecord current = await FindAsync(id, cancellationToken);
            if (current.Status == JobStatuses.Running)
            {
                signals.Cancel(id);
                database.JobEvents.Add(JobLog.Create(id, "info", "Cancellation requested; the job stops after the current step."));
                await database.SaveChangesAsync(CancellationToken.None);
            }
            else if (current.Status != JobStatuses.Cancelled)
            {
                throw new SimCseException(ErrorKind.Conflict, $"Job '{id}' has already {current.Status}; only queued or running jobs can be cancelled.");
            }
        }
        return JobMapper.ToObject(await FindAsync(id, cancellationToken));
    }

    public async Task<IReadOnlyList<JobEventObject>> EventsAsync(string id, CancellationToken cancellationToken)
    {
        await FindAsync(id, cancellationToken);
        await using SimCseDbContext database = await databases.CreateDbContextAsync(cancellationToken);
        List<JobEventRecord> events = await database.JobEvents.AsNoTracking().Where(e => e.JobId == id)
            .OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        return events.Select(JobMapper.ToObject).ToList();
    }

    public async Task<IReadOnlyList<JobCheckpointObject>> CheckpointsAsync(string id, CancellationToken cancellationToken)
    {
        await FindAsync(id, cancellationToken);
        await using SimCseDbContext database = await databases.CreateDbContextAsync(cancellationToken);
        List<JobCheckpointRecord> checkpoints = await database.JobCheckpoints.AsNoTracking().Where(c => c.JobId == id)
            .OrderByDescending(c => c.StepNumber).ToListAsync(cancellationToken);
        return checkpoints.Select(JobMapper.ToObject).ToList();
    }

    private async Task<FineTuningJobRecord> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using SimCseDbContext database = await databases.CreateDbContextAsync(cancellationToken);
        return await database.Jobs.AsNoTracking().FirstOrDefaultAsync(job => job.Id == id, cancellationToken)
            ?? throw new SimCseException(ErrorKind.NotFound, $"No fine-tuning job '{id}'.");
    }

    /// <summary>Checks that the files exist, have the right purpose and parse for the method; returns a summary for the log.</summary>
    private async Task<string> ValidateFilesAsync(FineTuningJobRecord job, TrainingMethod method, CancellationToken cancellationToken)
    {
        (StoredFile training, string trainingPath) = await OpenAsync(job.TrainingFile, "training_file", FilePurposes.FineTune, cancellationToken);
        TrainingMethod format = DataFileFormats.SniffTraining(trainingPath);
        if (format != method)
        {
            throw new InvalidInputException($"'training_file' ('{training.Filename}') holds {Describe(format)} data, but method.type is \"{job.Method}\".");
        }
        int count = method switch
        {
            TrainingMethod.Unsupervised => DataFileFormats.ReadSentences(trainingPath, training.Filename).Count,
            TrainingMethod.ScoredPairs => DataFileFormats.ReadEvaluation(trainingPath, training.Filename).Count,
            _ => DataFileFormats.ReadTriplets(trainingPath, training.Filename).Count,
        };
        if (count < 2)
        {
            throw new InvalidInputException($"'training_file' ('{training.Filename}') has {count} example(s); training needs at least 2.");
        }
        string summary = $"{count} training {(method == TrainingMethod.Unsupervised ? "sentences" : method == TrainingMethod.ScoredPairs ? "scored pairs" : "pairs")} in {training.Filename}";
        if (job.ValidationFile is { } validationId)
        {
            (StoredFile validation, string validationPath) = await OpenAsync(validationId, "validation_file", FilePurposes.Evaluation, cancellationToken);
            int pairs = DataFileFormats.ReadEvaluation(validationPath, validation.Filename).Count;
            if (pairs < 2)
            {
                throw new InvalidInputException($"'validation_file' ('{validation.Filename}') has {pairs} pair(s); evaluation needs at least 2.");
            }
            summary += $", {pairs} validation pairs in {validation.Filename}";
        }
        return summary;
    }

    private async Task<(StoredFile Record, string Path)> OpenAsync(string id, string field, string purpose, CancellationToken cancellationToken)
    {
        StoredFile record;
        string path;
        try
        {
            (record, path) = await files.OpenAsync(id, cancellationToken);
        }
        catch (SimCseException ex) when (ex.Kind == ErrorKind.NotFound)
        {
            throw new SimCseException(ErrorKind.NotFound, $"'{field}': no file '{id}'.", ex);
        }
        if (record.Purpose != purpose)
        {
            throw new InvalidInputException($"'{field}' ('{id}') was uploaded with purpose \"{record.Purpose}\"; it needs \"{purpose}\".");
        }
        return (record, path);
    }

    private static string Describe(TrainingMethod format) => format switch
    {
        TrainingMethod.Unsupervised => "unsupervised text",
        TrainingMethod.ScoredPairs => "scored pairs (score<TAB>sentence1<TAB>sentence2 or JSONL with \"score\")",
        _ => "supervised (TSV/JSONL)",
    };

    private static string Require(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new InvalidInputException($"'{field}' is required.") : value;

    private static TrainingMethod ParseMethod(string? type) =>
        type is null ? TrainingMethod.Unsupervised
        : TrainingMethodNames.TryParse(type, out TrainingMethod method) ? method
        : throw new InvalidInputException("'method.type' must be \"unsupervised\", \"supervised\" or \"scored_pairs\".");
}

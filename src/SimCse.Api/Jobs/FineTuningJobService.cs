using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SimCse.Api.Configuration;
using SimCse.Api.Contracts;
using SimCse.Api.Files;
using SimCse.Api.Fleet;
using SimCse.Api.Paging;
using SimCse.Api.Persistence;
using SimCse.Api.Registry;
using SimCse.Api.Serving;
using SimCse.Core.Errors;
using SimCse.Modeling.Data;
using SimCse.Modeling.Packaging;
using SimCse.Modeling.Training;

namespace SimCse.Api.Jobs;

/// <summary>
/// The job routes' logic: validates a new job completely before accepting it (so a bad request is a 400
/// naming the field, not a job that fails later), lists and reads jobs, events and checkpoints, cancels and
/// deletes. State changes go through <see cref="JobStore"/>.
/// </summary>
public sealed class FineTuningJobService(
    IDbContextFactory<SimCseDbContext> databases,
    JobStore store,
    FileStore files,
    ModelRegistry registry,
    DataPaths paths,
    JobSignals signals,
    ReplicaIdentity replica,
    IOptions<TrainingOptions> trainingOptions)
{
    public async Task<FineTuningJobObject> CreateAsync(FineTuningJobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        JobRequestCheck.RefuseUnknown(request.Unknown, string.Empty);
        JobRequestCheck.RefuseUnknown(request.Method?.Unknown, "method.");
        string model = Require(request.Model, "model");
        string trainingFile = Require(request.TrainingFile, "training_file");
        TrainingMethod method = ParseMethod(request.Method?.Type);
        TrainingHyperparameters hyperparameters = HyperparameterRules.Parse(request.Method?.Hyperparameters, request.Seed, method);
        if (request.Suffix is { Length: > 64 })
        {
            throw new InvalidInputException("'suffix' must be at most 64 characters.");
        }
        ModelLocation location = registry.Locate(model);
        ModelShape? shape = ShapeOf(location);
        HyperparameterRules.CheckBounds(hyperparameters, trainingOptions.Value, shape);

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
        // validating_files is stored first, so a crash while a large file is parsed leaves a visible job that recovery settles.
        await store.InsertAsync(job, replica.Id, $"Created fine-tuning job {job.Id} ({job.Method}, base model {model}); validating files.", CancellationToken.None);
        string summary;
        try
        {
            summary = await ValidateFilesAsync(job, method, hyperparameters, shape, cancellationToken);
        }
        catch
        {
            // A request refused with 400/404 leaves no job behind.
            await store.DeleteRefusedAsync(job.Id);
            throw;
        }
        bool queued = await store.QueueAsync(job.Id, $"Validated files: {summary}. Job queued.");
        // Read back (a cancel may have landed while the files were validated), and before waking the worker: the
        // answer is the state this request left, not whether the local worker won the race to claim it first.
        FineTuningJobObject created = await GetAsync(job.Id, CancellationToken.None);
        if (queued)
        {
            signals.Wake();
        }
        return created;
    }

    /// <summary>Newest first, cursor-paged.</summary>
    public async Task<ListResponse<FineTuningJobObject>> ListAsync(PageQuery page, CancellationToken cancellationToken)
    {
        (IReadOnlyList<FineTuningJobRecord> jobs, bool hasMore) = await store.ListAsync(page, cancellationToken);
        return new ListResponse<FineTuningJobObject>(jobs.Select(JobMapper.ToObject).ToList(), hasMore);
    }

    public async Task<FineTuningJobObject> GetAsync(string id, CancellationToken cancellationToken) =>
        JobMapper.ToObject(await store.FindAsync(id, cancellationToken));

    /// <summary>A queued job is cancelled at once; a running one within one training step on whichever replica runs it (its checkpoints are kept). 409 when it already succeeded or failed.</summary>
    public async Task<FineTuningJobObject> CancelAsync(string id, CancellationToken cancellationToken)
    {
        await store.FindAsync(id, cancellationToken);
        if (!await store.CancelBeforeStartAsync(id, cancellationToken))
        {
            FineTuningJobRecord current = await store.FindAsync(id, cancellationToken);
            if (current.Status == JobStatuses.Running)
            {
                await store.RequestCancelAsync(id, cancellationToken);
                // Sooner than the next heartbeat when the job runs in this process.
                signals.Cancel(id);
            }
            else if (current.Status != JobStatuses.Cancelled)
            {
                throw new SimCseException(ErrorKind.Conflict, $"Job '{id}' has already {current.Status}; only queued or running jobs can be cancelled.");
            }
        }
        return await GetAsync(id, cancellationToken);
    }

    /// <summary>Removes a finished job's record (409 while it is queued or running).</summary>
    public async Task<DeletedObject> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        await store.DeleteFinishedAsync(id, cancellationToken);
        return new DeletedObject(id, "fine_tuning.job", true);
    }

    /// <summary>Oldest first, cursor-paged by event id.</summary>
    public async Task<ListResponse<JobEventObject>> EventsAsync(string id, PageQuery page, CancellationToken cancellationToken)
    {
        await store.FindAsync(id, cancellationToken);
        await using SimCseDbContext database = await databases.CreateDbContextAsync(cancellationToken);
        IQueryable<JobEventRecord> events = database.JobEvents.AsNoTracking().Where(e => e.JobId == id);
        if (page.After is { } after)
        {
            long sequence = await events.Where(e => e.Id == after).Select(e => (long?)e.Sequence).FirstOrDefaultAsync(cancellationToken)
                ?? throw new InvalidInputException("'after' names no event of this job.");
            events = events.Where(e => e.Sequence > sequence);
        }
        List<JobEventRecord> fetched = await events.OrderBy(e => e.Sequence).Take(page.Limit + 1).ToListAsync(cancellationToken);
        return Paging.Paging.FromOverFetch(fetched.Select(JobMapper.ToObject).ToList(), page);
    }

    /// <summary>Newest first, cursor-paged by checkpoint id.</summary>
    public async Task<ListResponse<JobCheckpointObject>> CheckpointsAsync(string id, PageQuery page, CancellationToken cancellationToken)
    {
        await store.FindAsync(id, cancellationToken);
        await using SimCseDbContext database = await databases.CreateDbContextAsync(cancellationToken);
        List<JobCheckpointObject> checkpoints = (await database.JobCheckpoints.AsNoTracking().Where(c => c.JobId == id)
            .OrderByDescending(c => c.StepNumber).ToListAsync(cancellationToken)).Select(JobMapper.ToObject).ToList();
        return Paging.Paging.Page(checkpoints, checkpoint => checkpoint.Id, page);
    }

    private ModelShape? ShapeOf(ModelLocation location)
    {
        try
        {
            return location.Packaged is { } packaged
                ? ModelShape.Read(PackagedModelImporter.EnsureCached(packaged, paths.Root), packaged.MaxLength)
                : location.Folder is { } folder ? ModelShape.Read(folder) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or InvalidOperationException)
        {
            throw new SimCseException(ErrorKind.Unprocessable, $"'model': the configuration of '{location.Id}' cannot be read.", ex);
        }
    }

    /// <summary>Checks that the files exist, have the right purpose and parse for the method, and that the planned run fits; returns a summary for the log.</summary>
    private async Task<string> ValidateFilesAsync(FineTuningJobRecord job, TrainingMethod method, TrainingHyperparameters hyperparameters, ModelShape? shape, CancellationToken cancellationToken)
    {
        (StoredFile training, string trainingPath) = await OpenAsync(job.TrainingFile, "training_file", FilePurposes.FineTune, cancellationToken);
        TrainingMethod format = DataFileFormats.SniffTraining(trainingPath);
        if (format != method)
        {
            throw new InvalidInputException($"'training_file' ('{training.Filename}') holds {Describe(format)} data, but method.type is \"{job.Method}\".");
        }
        int count;
        int views = 2;
        switch (method)
        {
            case TrainingMethod.Unsupervised:
                count = DataFileFormats.ReadSentences(trainingPath, training.Filename).Count;
                break;
            case TrainingMethod.ScoredPairs:
                count = DataFileFormats.ReadEvaluation(trainingPath, training.Filename).Count;
                break;
            default:
                IReadOnlyList<TrainingTriplet> triplets = DataFileFormats.ReadTriplets(trainingPath, training.Filename);
                count = triplets.Count;
                // Mined negatives add a third view to every row, like a file that has them.
                views = hyperparameters.MineHardNegatives || triplets.Any(triplet => triplet.Negative is not null) ? 3 : 2;
                break;
        }
        if (count < 2)
        {
            throw new InvalidInputException($"'training_file' ('{training.Filename}') has {count} example(s); training needs at least 2.");
        }
        long steps = JobRequestCheck.PlannedSteps(hyperparameters, count, trainingOptions.Value);
        JobRequestCheck.CheckMemory(hyperparameters, shape, views, trainingOptions.Value);
        string summary = $"{count} training {(method == TrainingMethod.Unsupervised ? "sentences" : method == TrainingMethod.ScoredPairs ? "scored pairs" : "pairs")} in {training.Filename}, about {steps} steps";
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

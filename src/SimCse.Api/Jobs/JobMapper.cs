using System.Text.Json.Nodes;
using SimCse.Api.Contracts;
using SimCse.Api.Persistence;

namespace SimCse.Api.Jobs;

/// <summary>Stored job rows as OpenAI resource objects.</summary>
public static class JobMapper
{
    public static FineTuningJobObject ToObject(FineTuningJobRecord job)
    {
        ArgumentNullException.ThrowIfNull(job);
        JsonObject hyperparameters = JsonNode.Parse(job.HyperparametersJson)!.AsObject();
        return new FineTuningJobObject(
            job.Id,
            job.Model,
            job.Status,
            job.CreatedAt,
            job.FinishedAt,
            job.FineTunedModel,
            job.ErrorCode is null ? null : new JobError(job.ErrorCode, job.ErrorMessage ?? job.ErrorCode),
            hyperparameters,
            new FineTuningMethodObject(job.Method, hyperparameters.DeepClone().AsObject()),
            job.TrainingFile,
            job.ValidationFile,
            job.Seed,
            job.Suffix,
            job.AutoActivate,
            new JobProgress(job.Step, job.TotalSteps, job.EtaSeconds),
            job.Worker);
    }

    public static JobEventObject ToObject(JobEventRecord jobEvent)
    {
        ArgumentNullException.ThrowIfNull(jobEvent);
        return new JobEventObject(jobEvent.Id, jobEvent.CreatedAt, jobEvent.Level, jobEvent.Message, jobEvent.Type,
            jobEvent.DataJson is null ? null : JsonNode.Parse(jobEvent.DataJson));
    }

    public static JobCheckpointObject ToObject(JobCheckpointRecord checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return new JobCheckpointObject(checkpoint.Id, checkpoint.CreatedAt, checkpoint.ModelId, checkpoint.StepNumber,
            new CheckpointMetrics(checkpoint.TrainLoss, checkpoint.ValidSpearman, checkpoint.Alignment, checkpoint.Uniformity),
            checkpoint.JobId);
    }
}

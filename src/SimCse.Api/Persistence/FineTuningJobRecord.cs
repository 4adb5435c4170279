namespace SimCse.Api.Persistence;

/// <summary>A fine-tuning job (OpenAI's <c>fine_tuning.job</c>) with its progress, as stored.</summary>
public sealed class FineTuningJobRecord
{
    public required string Id { get; set; }

    /// <summary>The base model id.</summary>
    public required string Model { get; set; }

    /// <summary>A <see cref="Jobs.JobStatus"/> by its <see cref="Jobs.JobStatuses"/> name; written only by <see cref="Jobs.JobStore"/>.</summary>
    public required string Status { get; set; }

    public long CreatedAt { get; set; }

    public long? StartedAt { get; set; }

    public long? FinishedAt { get; set; }

    /// <summary>The best checkpoint's model id, once one exists.</summary>
    public string? FineTunedModel { get; set; }

    public string? ErrorCode { get; set; }

    public string? ErrorMessage { get; set; }

    /// <summary>unsupervised or supervised.</summary>
    public required string Method { get; set; }

    /// <summary>The effective hyperparameters (defaults filled in) as JSON with the contract's names.</summary>
    public required string HyperparametersJson { get; set; }

    public required string TrainingFile { get; set; }

    public string? ValidationFile { get; set; }

    public int Seed { get; set; }

    public string? Suffix { get; set; }

    public bool AutoActivate { get; set; }

    public int Step { get; set; }

    public int TotalSteps { get; set; }

    public long? EtaSeconds { get; set; }

    /// <summary>The replica that holds (or held) the job: <c>worker</c> on the API.</summary>
    public string? Worker { get; set; }

    /// <summary>Unix milliseconds until which <see cref="Worker"/>'s claim holds without a heartbeat; null when nobody holds it.</summary>
    public long? LeaseExpiresAt { get; set; }

    /// <summary>A cancel was asked for while the job ran (on any replica); its worker sees it at the next heartbeat.</summary>
    public bool CancelRequested { get; set; }
}

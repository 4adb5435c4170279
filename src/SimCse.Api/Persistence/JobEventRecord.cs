namespace SimCse.Api.Persistence;

/// <summary>One line of a job's log: a lifecycle message, a logged training step or an evaluation.</summary>
public sealed class JobEventRecord
{
    /// <summary>Database-assigned; orders events of the same second.</summary>
    public long Sequence { get; set; }

    public required string Id { get; set; }

    public required string JobId { get; set; }

    public long CreatedAt { get; set; }

    /// <summary>info, warn or error.</summary>
    public required string Level { get; set; }

    /// <summary>message or metrics.</summary>
    public required string Type { get; set; }

    public required string Message { get; set; }

    /// <summary>Structured payload (step, train_loss, learning_rate, valid_spearman, ...) as JSON.</summary>
    public string? DataJson { get; set; }
}

namespace SimCse.Api.Persistence;

/// <summary>A saved, registered checkpoint of a job (its weights are a <see cref="ModelRecord"/>).</summary>
public sealed class JobCheckpointRecord
{
    public required string Id { get; set; }

    public required string JobId { get; set; }

    /// <summary>The checkpoint's model id, <c>ft:&lt;base&gt;:&lt;job-id&gt;:step-&lt;n&gt;</c>.</summary>
    public required string ModelId { get; set; }

    public int StepNumber { get; set; }

    public long CreatedAt { get; set; }

    public double TrainLoss { get; set; }

    public double? ValidSpearman { get; set; }

    public double? Alignment { get; set; }

    public double? Uniformity { get; set; }
}

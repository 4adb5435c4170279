namespace SimCse.Api.Persistence;

/// <summary>One replica of the fleet as it last reported itself: which model it serves and whether it failed to take the desired one.</summary>
public sealed class ReplicaRecord
{
    /// <summary><c>SimCse:ReplicaId</c>.</summary>
    public required string Id { get; set; }

    /// <summary>Unix milliseconds of its last heartbeat.</summary>
    public long HeartbeatAt { get; set; }

    /// <summary>The model its requests without a <c>model</c> are served by.</summary>
    public string? ServingModel { get; set; }

    /// <summary>The desired model it could not load or verify (it keeps serving <see cref="ServingModel"/>).</summary>
    public string? FailedModel { get; set; }

    public string? FailedReason { get; set; }

    public bool TrainingEnabled { get; set; }
}

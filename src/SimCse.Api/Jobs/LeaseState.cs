namespace SimCse.Api.Jobs;

/// <summary>What a heartbeat learned about a replica's claim on its running job.</summary>
public enum LeaseState
{
    /// <summary>Renewed; keep training.</summary>
    Held,

    /// <summary>Renewed, and a cancel was asked for (through any replica).</summary>
    CancelRequested,

    /// <summary>The job is no longer this replica's (its lease expired and a survivor settled it): stop without writing.</summary>
    Lost,
}

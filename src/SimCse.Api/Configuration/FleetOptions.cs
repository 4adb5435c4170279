namespace SimCse.Api.Configuration;

/// <summary>Section <c>SimCse:Fleet</c>: how a replica follows the fleet-wide desired active model.</summary>
public sealed class FleetOptions
{
    public const string SectionName = "SimCse:Fleet";

    /// <summary>How often a replica reads the desired active model and writes its heartbeat.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A replica whose heartbeat is older than this is no longer listed on <c>/v1/models/{id}</c>.</summary>
    public TimeSpan ReplicaTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

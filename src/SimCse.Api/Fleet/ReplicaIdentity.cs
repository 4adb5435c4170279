namespace SimCse.Api.Fleet;

/// <summary>
/// This process's name in the fleet: <c>SimCse:ReplicaId</c>, or host name + process id, so a restarted process is
/// a new replica (its predecessor's leases expire instead of being silently taken over).
/// </summary>
public sealed class ReplicaIdentity(IConfiguration configuration)
{
    public const string ConfigurationKey = "SimCse:ReplicaId";

    public string Id { get; } = configuration[ConfigurationKey] is { Length: > 0 } configured
        ? configured
        : $"{Environment.MachineName}-{Environment.ProcessId}";
}

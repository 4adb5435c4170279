namespace SimCse.Api.Contracts;

/// <summary>Where a job stands: optimizer steps done, planned, and the estimated seconds left.</summary>
public sealed record JobProgress(int Step, int TotalSteps, long? EtaSeconds);

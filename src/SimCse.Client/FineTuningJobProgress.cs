namespace SimCse.Client;

/// <summary>Optimizer steps done and planned, and the estimated seconds left.</summary>
public sealed record FineTuningJobProgress(int Step, int TotalSteps, long? EtaSeconds);

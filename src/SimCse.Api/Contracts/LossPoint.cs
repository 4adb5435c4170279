namespace SimCse.Api.Contracts;

/// <summary>Training loss logged at an optimizer step.</summary>
public sealed record LossPoint(int Step, double Loss);

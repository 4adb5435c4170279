namespace SimCse.Core.Runtime;

/// <summary>Outcome of a readiness probe: a real forward pass on the live model succeeded.</summary>
/// <param name="ModelId">The active model that answered.</param>
/// <param name="Dimensions">Width of the vector it returned.</param>
/// <param name="Duration">Forward pass time.</param>
public sealed record ProbeResult(string ModelId, int Dimensions, TimeSpan Duration);

namespace SimCse.Core.Runtime;

/// <summary>The runtime is ready: its active model computed a valid vector recently.</summary>
/// <param name="ModelId">The active model.</param>
/// <param name="Probed">
/// True when a probe pass ran for this answer (shared by every concurrent caller); false when a recent
/// successful forward pass on the active model answered it at no cost.
/// </param>
public sealed record ReadinessResult(string ModelId, bool Probed);

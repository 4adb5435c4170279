using SimCse.Modeling.Data;

namespace SimCse.Modeling.Training;

/// <summary>The outcome of <see cref="HardNegativeMiner.Mine"/>.</summary>
/// <param name="Triplets">The training data with the mined negatives filled in.</param>
/// <param name="PairsWithoutNegative">Pairs that needed a negative.</param>
/// <param name="Mined">Pairs that got one (the rest had no candidate below the margin among the nearest).</param>
/// <param name="Margin">The margin used.</param>
public sealed record HardNegativeMining(IReadOnlyList<TrainingTriplet> Triplets, int PairsWithoutNegative, int Mined, double Margin);

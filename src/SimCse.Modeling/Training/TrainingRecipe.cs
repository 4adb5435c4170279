namespace SimCse.Modeling.Training;

/// <summary>
/// The per-method defaults of <see cref="TrainingHyperparameters"/>; <c>MatryoshkaEpochs</c>, where measured, replaces
/// <c>Epochs</c> for a job that lists <c>matryoshka_dims</c> (its prefixes need more passes than the full size does).
/// </summary>
public sealed record TrainingRecipe(int BatchSize, double LearningRate, int Epochs, int EvalSteps, bool SymmetricLoss, int? MatryoshkaEpochs = null);

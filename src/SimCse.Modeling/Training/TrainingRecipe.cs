namespace SimCse.Modeling.Training;

/// <summary>The per-method defaults of <see cref="TrainingHyperparameters"/>.</summary>
public sealed record TrainingRecipe(int BatchSize, double LearningRate, int Epochs, int EvalSteps, bool SymmetricLoss);

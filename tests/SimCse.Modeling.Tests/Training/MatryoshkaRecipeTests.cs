using SimCse.Modeling.Training;

namespace SimCse.Modeling.Tests.Training;

/// <summary>A Matryoshka job's unset values: more passes than the plain recipe, prefix distillation on.</summary>
public sealed class MatryoshkaRecipeTests
{
    [Fact]
    public void AMatryoshkaJobGetsTheMatryoshkaPassesUnlessItSetsItsOwn()
    {
        var plain = new TrainingHyperparameters().WithDefaultsFor(TrainingMethod.Supervised);
        var matryoshka = new TrainingHyperparameters { MatryoshkaDims = [384, 128] }.WithDefaultsFor(TrainingMethod.Supervised);
        var chosen = new TrainingHyperparameters { MatryoshkaDims = [384, 128], Epochs = 1 }.WithDefaultsFor(TrainingMethod.Supervised);

        Assert.Equal(TrainingRecipes.Supervised.Epochs, plain.Epochs);
        Assert.Equal(TrainingRecipes.Supervised.MatryoshkaEpochs!.Value, matryoshka.Epochs);
        Assert.NotEqual(plain.Epochs, matryoshka.Epochs);
        Assert.Equal(1, chosen.Epochs);
        Assert.Equal(1.0, matryoshka.MatryoshkaDistillation);
    }

    [Fact]
    public void ANegativeDistillationWeightIsRefused()
    {
        var hp = new TrainingHyperparameters { MatryoshkaDims = [384, 128], MatryoshkaDistillation = -0.5 };

        ArgumentException refused = Assert.ThrowsAny<ArgumentException>(hp.Validate);
        Assert.Contains("matryoshka_distillation", refused.Message, StringComparison.Ordinal);
    }
}

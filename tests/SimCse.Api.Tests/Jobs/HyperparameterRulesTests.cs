using System.Text.Json.Nodes;
using SimCse.Api.Configuration;
using SimCse.Api.Jobs;
using SimCse.Core.Errors;
using SimCse.Modeling.Training;

namespace SimCse.Api.Tests.Jobs;

/// <summary>The hyperparameter table: unknown names, wrong types, configured caps, the model's sequence limit, checked step arithmetic and the activation budget.</summary>
public sealed class HyperparameterRulesTests
{
    private static readonly ModelShape MiniLm = new(HiddenSize: 384, Layers: 6, AttentionHeads: 12, MaxSequenceLength: 256);

    [Fact]
    public void ATypoIsRefusedWithTheClosestKnownName()
    {
        var error = Assert.Throws<InvalidInputException>(() => HyperparameterRules.Parse(new JsonObject { ["learning_rte"] = 0.5 }, null));
        Assert.Contains("'method.hyperparameters.learning_rte'", error.Message, StringComparison.Ordinal);
        Assert.Contains("learning_rate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AWrongTypeNamesTheField()
    {
        var error = Assert.Throws<InvalidInputException>(() => HyperparameterRules.Parse(new JsonObject { ["batch_size"] = "big" }, null));
        Assert.Contains("batch_size", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryTrainerHyperparameterIsKnown()
    {
        foreach (string name in new[] { "batch_size", "learning_rate", "n_epochs", "max_steps", "temperature", "max_seq_length", "pooling", "hard_negative_weight", "eval_steps", "mini_batch_size" })
        {
            Assert.Contains(name, HyperparameterRules.KnownNames);
        }
        TrainingHyperparameters parsed = HyperparameterRules.Parse(new JsonObject { ["batch_size"] = 16, ["max_steps"] = 3 }, 7);
        Assert.Equal(16, parsed.BatchSize);
        Assert.Equal(3, parsed.MaxSteps);
        Assert.Equal(7, parsed.Seed);
    }

    [Theory]
    [InlineData("batch_size", 4096)]
    [InlineData("n_epochs", 5000)]
    [InlineData("eval_steps", 2_000_000)]
    [InlineData("max_seq_length", 1024)]
    [InlineData("matryoshka_distillation", 1000)]
    public void ValuesOverTheirCapAreRefusedNamingTheField(string name, int value)
    {
        TrainingHyperparameters hyperparameters = HyperparameterRules.Parse(new JsonObject { [name] = value }, null);
        var error = Assert.Throws<InvalidInputException>(() => HyperparameterRules.CheckBounds(hyperparameters, new TrainingOptions(), MiniLm));
        Assert.Contains($"'method.hyperparameters.{name}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CapsComeFromConfiguration()
    {
        TrainingHyperparameters hyperparameters = HyperparameterRules.Parse(new JsonObject { ["batch_size"] = 64 }, null);
        HyperparameterRules.CheckBounds(hyperparameters, new TrainingOptions(), MiniLm);
        Assert.Throws<InvalidInputException>(() => HyperparameterRules.CheckBounds(hyperparameters, new TrainingOptions { MaxBatchSize = 32 }, MiniLm));
    }

    [Fact]
    public void StepArithmeticIsCheckedAndCapped()
    {
        var options = new TrainingOptions { MaxSteps = 1000 };
        Assert.Equal(250, JobRequestCheck.PlannedSteps(new TrainingHyperparameters { BatchSize = 4, Epochs = 10 }, 100, options));
        var error = Assert.Throws<InvalidInputException>(() => JobRequestCheck.PlannedSteps(new TrainingHyperparameters { BatchSize = 2, Epochs = int.MaxValue }, long.MaxValue / 2, options));
        Assert.Contains("n_epochs", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidInputException>(() => JobRequestCheck.PlannedSteps(new TrainingHyperparameters { BatchSize = 2, Epochs = 100 }, 100, options));
    }

    [Fact]
    public void AJobOverTheActivationBudgetIsRefusedAndASmallOneIsNot()
    {
        var options = new TrainingOptions();
        JobRequestCheck.CheckMemory(new TrainingHyperparameters { BatchSize = 64, MaxSeqLength = 32 }, MiniLm, 2, options);
        var error = Assert.Throws<InvalidInputException>(() => JobRequestCheck.CheckMemory(new TrainingHyperparameters { BatchSize = 1000, MaxSeqLength = 256 }, MiniLm, 2, options));
        Assert.Contains("batch_size", error.Message, StringComparison.Ordinal);
        // GradCache's mini-batches bound the rows of one pass.
        JobRequestCheck.CheckMemory(new TrainingHyperparameters { BatchSize = 1000, MaxSeqLength = 256, MiniBatchSize = 16 }, MiniLm, 2, options);
    }
}

using System.Text.Json.Nodes;
using SimCse.Modeling.Encoders;
using SimCse.Modeling.Loading;
using SimCse.Modeling.Pooling;
using SimCse.Modeling.Training;

namespace SimCse.Modeling.Tests.Training;

[Collection(TorchRandomStateGroup.Name)]
public sealed class SimCseTrainerTests : IDisposable
{
    private readonly SingleTorchThread _threads = new();

    private static readonly EncoderOptions Cpu = new() { Device = "cpu" };

    [Fact]
    public void Same_seed_and_data_give_the_same_loss_curve()
    {
        var hp = new TrainingHyperparameters { BatchSize = 4, MaxSteps = 4, EvalSteps = 100, LearningRate = 1e-3, Seed = 5 };
        TrainingResult first = new SimCseTrainer().Train(UnsupervisedJob(hp));
        TrainingResult second = new SimCseTrainer().Train(UnsupervisedJob(hp));
        TrainingResult otherSeed = new SimCseTrainer().Train(UnsupervisedJob(hp with { Seed = 6 }));

        Assert.Equal(4, first.Losses.Count);
        for (int i = 0; i < first.Losses.Count; i++)
        {
            Assert.Equal(first.Losses[i], second.Losses[i], 5);
        }
        Assert.NotEqual(first.Losses, otherSeed.Losses);
    }

    [Fact]
    public void A_supervised_checkpoint_reloads_with_the_in_memory_vectors()
    {
        // cls pooling on a model without a pooler: the head starts fresh, is trained and saved as the pooler.
        var hp = new TrainingHyperparameters { BatchSize = 3, MaxSteps = 4, EvalSteps = 2, LearningRate = 1e-3, Pooling = "cls", MiniBatchSize = 2 };
        TrainingJob job = SupervisedJob(hp, TinyBert.Create(PoolingMode.ClsBeforePooler, withPooler: false));
        var inMemory = new Dictionary<int, float[][]>();
        var trainer = new SimCseTrainer(new TrainerOptions { CheckpointInspector = (checkpoint, embed) => inMemory[checkpoint.Step] = embed(TinyTrainingData.Sentences) });
        var steps = new List<TrainingProgress>();

        TrainingResult result = trainer.Train(job, new Collect(steps));

        Assert.Equal(TrainingStatus.Succeeded, result.Status);
        Assert.Equal(4, result.Steps);
        Assert.Equal([1, 2, 3, 4], steps.Select(step => step.Step));
        Assert.All(steps.Where(step => step.Step % 2 == 0), step => Assert.NotNull(step.Evaluation));
        Assert.Equal("ft:tiny:job-1:step-4", result.Last!.ModelId);
        using SentenceEncoder loaded = ModelLoader.LoadFolder(result.Last.Folder, Cpu);
        Assert.Equal("ft:tiny:job-1:step-4", loaded.Id);
        Assert.Equal(PoolingMode.Cls, loaded.Pooling);
        float[][] reloaded = loaded.EmbedTexts(TinyTrainingData.Sentences);
        for (int i = 0; i < reloaded.Length; i++)
        {
            Assert.True(Cosine.Of(reloaded[i], inMemory[4][i]) > 0.999999, $"sentence {i}");
        }
        (_, ModelManifest? manifest) = ModelFolderReader.Read(result.Last.Folder);
        Assert.Equal(4, (int)manifest!.Training!["step"]!);
        Assert.Equal(3, (int)manifest.Training["hyperparameters"]!["batch_size"]!);
        Assert.NotNull(manifest.Training["metrics"]!["valid_spearman"]);
        Assert.True(File.Exists(result.Last.Folder + ".optimizer"));
    }

    [Fact]
    public void Unsupervised_cls_drops_the_head_for_inference_and_keeps_only_best_and_last()
    {
        var hp = new TrainingHyperparameters { BatchSize = 4, MaxSteps = 6, EvalSteps = 2, LearningRate = 1e-3, Pooling = "cls" };
        TrainingJob job = UnsupervisedJob(hp) with { Validation = TinyTrainingData.Validation };

        TrainingResult result = new SimCseTrainer().Train(job);

        string[] folders = Directory.GetDirectories(job.OutputDirectory).Select(Path.GetFileName).Order().ToArray()!;
        string[] expected = new[] { result.Best!.Step, result.Last!.Step }.Distinct().Select(step => $"step-{step}").Order().ToArray();
        Assert.Equal(expected, folders);
        using SentenceEncoder loaded = ModelLoader.LoadFolder(result.Last.Folder, Cpu);
        Assert.Equal(PoolingMode.ClsBeforePooler, loaded.Pooling);
    }

    [Fact]
    public void Cancellation_between_steps_keeps_a_last_checkpoint_and_resume_continues_from_it()
    {
        using var cancellation = new CancellationTokenSource();
        var hp = new TrainingHyperparameters { BatchSize = 4, MaxSteps = 5, EvalSteps = 100, LearningRate = 1e-3 };
        TrainingJob job = UnsupervisedJob(hp);
        var progress = new Collect([], step => { if (step.Step == 2) { cancellation.Cancel(); } });

        TrainingResult cancelled = new SimCseTrainer().Train(job, progress, cancellation.Token);

        Assert.Equal(TrainingStatus.Cancelled, cancelled.Status);
        Assert.Equal(2, cancelled.Steps);
        Assert.Equal(2, cancelled.Last!.Step);
        TrainingResult resumed = new SimCseTrainer().Train(job with { ResumeFrom = cancelled.Last.Folder });
        Assert.Equal(TrainingStatus.Succeeded, resumed.Status);
        Assert.Equal(5, resumed.Steps);
        Assert.Equal(3, resumed.Losses.Count);
    }

    [Fact]
    public void Cancellation_at_an_epoch_boundary_is_a_cancelled_run_not_an_exception()
    {
        // The next epoch is planned lazily with the job's token: a cancel that lands on the last step of an epoch
        // used to escape as OperationCanceledException from the planner, failing the job instead of cancelling it.
        var oneEpoch = new TrainingHyperparameters { BatchSize = 4, Epochs = 1, EvalSteps = 100, LearningRate = 1e-3 };
        int stepsPerEpoch = new SimCseTrainer().Train(UnsupervisedJob(oneEpoch)).Steps;
        using var cancellation = new CancellationTokenSource();
        var progress = new Collect([], step => { if (step.Step == stepsPerEpoch) { cancellation.Cancel(); } });

        TrainingResult result = new SimCseTrainer().Train(UnsupervisedJob(oneEpoch with { Epochs = 3 }), progress, cancellation.Token);

        Assert.Equal(TrainingStatus.Cancelled, result.Status);
        Assert.Equal(stepsPerEpoch, result.Steps);
    }

    [Fact]
    public void Bfloat16_compute_with_float32_masters_trains_and_saves_float32_weights()
    {
        var hp = new TrainingHyperparameters { BatchSize = 4, MaxSteps = 3, EvalSteps = 3, LearningRate = 1e-3 };
        TrainingJob job = UnsupervisedJob(hp) with { Validation = TinyTrainingData.Validation };
        float[][]? inMemory = null;
        var trainer = new SimCseTrainer(new TrainerOptions { ComputeDType = "bfloat16", CheckpointInspector = (_, embed) => inMemory = embed(TinyTrainingData.Sentences) });

        TrainingResult result = trainer.Train(job);

        Assert.All(result.Losses, loss => Assert.True(double.IsFinite(loss) && loss > 0));
        using SentenceEncoder loaded = ModelLoader.LoadFolder(result.Last!.Folder, Cpu);
        using SentenceEncoder original = ModelLoader.FromArtifacts("tiny", TinyBert.Create(), Cpu);
        float[][] reloaded = loaded.EmbedTexts(TinyTrainingData.Sentences);
        Assert.True(Cosine.Of(reloaded[0], inMemory![0]) > 0.999999);
        Assert.True(Cosine.Of(reloaded[0], original.EmbedTexts(TinyTrainingData.Sentences)[0]) < 0.9999, "the weights moved");
    }

    public static TheoryData<string, string> MethodsAndPoolings()
    {
        var data = new TheoryData<string, string>();
        foreach (string method in new[] { "supervised", "scored_pairs", "mined" })
        {
            foreach (string pooling in new[] { "cls", "cls_before_pooler", "mean", "first_last_avg" })
            {
                data.Add(method, pooling);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(MethodsAndPoolings))]
    public void Every_method_trains_with_gradcache_matryoshka_and_every_pooling(string method, string pooling)
    {
        var hp = new TrainingHyperparameters
        {
            BatchSize = 4, MaxSteps = 2, EvalSteps = 2, LearningRate = 1e-3, Pooling = pooling, MiniBatchSize = 2,
            MatryoshkaDims = [32, 16], SymmetricLoss = true, MineHardNegatives = method == "mined", MiningMargin = 0.0,
        };
        TrainingJob job = method switch
        {
            "scored_pairs" => SupervisedJob(hp, TinyBert.Create()) with { Method = TrainingMethod.ScoredPairs, Triplets = null, ScoredPairs = TinyTrainingData.Validation },
            "mined" => SupervisedJob(hp, TinyBert.Create()) with { Triplets = TinyTrainingData.Triplets.Select(t => t with { Negative = null }).ToList() },
            _ => SupervisedJob(hp, TinyBert.Create()),
        };
        HardNegativeMining? reported = null;

        TrainingResult result = new SimCseTrainer(new TrainerOptions { HardNegativesMined = mining => reported = mining }).Train(job);

        Assert.Equal(TrainingStatus.Succeeded, result.Status);
        Assert.All(result.Losses, loss => Assert.True(double.IsFinite(loss) && loss > 0, $"loss {loss}"));
        (_, ModelManifest? manifest) = ModelFolderReader.Read(result.Last!.Folder);
        Assert.Equal(method == "scored_pairs" ? "scored_pairs" : "supervised", (string?)manifest!.Training!["method"]);
        // Matryoshka: each listed size is scored at evaluation, and the best checkpoint is picked by their mean.
        JsonObject byDimensions = manifest.Training["metrics"]!["valid_spearman_by_dimensions"]!.AsObject();
        Assert.Equal(["32", "16"], byDimensions.Select(entry => entry.Key));
        Assert.Equal((double)manifest.Training["metrics"]!["valid_spearman"]!, (double)byDimensions["32"]!, 9);
        Assert.Equal(byDimensions.Average(entry => (double)entry.Value!), (double)manifest.Training["best_score"]!, 9);
        if (method == "mined")
        {
            Assert.NotNull(reported);
            Assert.Equal(TinyTrainingData.Triplets.Count, reported.PairsWithoutNegative);
            Assert.True(reported.Mined > 0);
            Assert.Equal(reported.Mined, (int)manifest.Training["metrics"]!["mined_negatives"]!);
            Assert.Same(reported, result.HardNegatives);
        }
        else
        {
            Assert.Null(reported);
        }
    }

    [Fact]
    public void A_protected_step_survives_pruning()
    {
        var hp = new TrainingHyperparameters { BatchSize = 4, MaxSteps = 6, EvalSteps = 1, LearningRate = 1e-3 };
        TrainingJob job = UnsupervisedJob(hp);

        TrainingResult result = new SimCseTrainer(new TrainerOptions { ProtectFromPruning = step => step == 2 }).Train(job);

        string[] folders = Directory.GetDirectories(job.OutputDirectory).Select(Path.GetFileName).Order().ToArray()!;
        Assert.Equal(new[] { "step-2", $"step-{result.Last!.Step}", $"step-{result.Best!.Step}" }.Distinct().Order(), folders);
        Assert.True(File.Exists(Path.Combine(job.OutputDirectory, "step-2.optimizer")));
    }

    [Fact]
    public void Unset_values_take_the_method_recipe_and_explicit_ones_are_kept()
    {
        var unset = new TrainingHyperparameters();
        Assert.Equal(TrainingRecipes.Supervised.LearningRate, unset.WithDefaultsFor(TrainingMethod.Supervised).LearningRate);
        Assert.Equal(TrainingRecipes.ScoredPairs.BatchSize, unset.WithDefaultsFor(TrainingMethod.ScoredPairs).BatchSize);
        Assert.Equal(TrainingRecipes.Unsupervised.Epochs, unset.WithDefaultsFor(TrainingMethod.Unsupervised).Epochs);
        var explicitly = new TrainingHyperparameters { LearningRate = 7e-5, SymmetricLoss = false };
        TrainingHyperparameters resolved = explicitly.WithDefaultsFor(TrainingMethod.Supervised);
        Assert.Equal(7e-5, resolved.LearningRate);
        Assert.False(resolved.SymmetricLoss);
        Assert.Equal(TrainingRecipes.Supervised.Epochs, resolved.Epochs);
        // Deserialised JSON without a field behaves as unset.
        TrainingHyperparameters parsed = System.Text.Json.JsonSerializer.Deserialize<TrainingHyperparameters>("{\"batch_size\": 8}")!.WithDefaultsFor(TrainingMethod.Supervised);
        Assert.Equal(8, parsed.BatchSize);
        Assert.Equal(TrainingRecipes.Supervised.LearningRate, parsed.LearningRate);
    }

    private static TrainingJob UnsupervisedJob(TrainingHyperparameters hp) => new()
    {
        BaseModelId = "tiny",
        BaseModel = TinyBert.Create(),
        JobId = "job-1",
        OutputDirectory = TinyBert.NewFolder(),
        Method = TrainingMethod.Unsupervised,
        Sentences = TinyTrainingData.Sentences,
        Hyperparameters = hp,
    };

    private static TrainingJob SupervisedJob(TrainingHyperparameters hp, ModelArtifacts artifacts) => new()
    {
        BaseModelId = "tiny",
        BaseModel = artifacts,
        JobId = "job-1",
        OutputDirectory = TinyBert.NewFolder(),
        Method = TrainingMethod.Supervised,
        Triplets = TinyTrainingData.Triplets,
        Validation = TinyTrainingData.Validation,
        Hyperparameters = hp,
    };

    /// <summary>Synchronous progress sink (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class Collect(List<TrainingProgress> steps, Action<TrainingProgress>? onStep = null) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            steps.Add(value);
            onStep?.Invoke(value);
        }
    }

    public void Dispose() => _threads.Dispose();
}

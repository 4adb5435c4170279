using System.Diagnostics;
using SimCse.Modeling.Data;
using SimCse.Modeling.Encoders;
using SimCse.Modeling.Evaluation;
using SimCse.Modeling.Loading;
using SimCse.Modeling.Training;

namespace SimCse.TrainingBench;

/// <summary>Supervised SimCSE from arctic-embed-xs on the NLI triplets, validated on STS-B dev; checks SICK-R dev does not fall.</summary>
internal static class SupervisedRun
{
    public static void Run(BenchArguments options)
    {
        string baseId = options.String("model", "arctic-embed-xs");
        var report = new Report(BenchPaths.Results(options.String("name", "supervised")));
        var hp = new TrainingHyperparameters
        {
            BatchSize = options.Int("batch", 64),
            LearningRate = options.Double("lr", 5e-5),
            Epochs = options.Int("epochs", 1),
            MaxSteps = options.OptionalInt("steps"),
            MaxSeqLength = options.Int("max-seq-length", 32),
            Temperature = options.Double("temperature", 0.05),
            HardNegativeWeight = options.Double("hard-negative-weight", 0),
            Pooling = options.String("pooling", "cls_before_pooler"),
            EvalSteps = options.Int("eval-steps", 25),
            MiniBatchSize = options.OptionalInt("mini-batch"),
            WarmupRatio = options.Double("warmup", 0.1),
            Seed = options.Int("seed", 42),
        };
        ModelArtifacts artifacts = Models.Artifacts(baseId);
        IReadOnlyList<TrainingTriplet> triplets = SupervisedTripletReader.ReadFile(BenchPaths.SharedData("train/nli_triplets.tsv"));

        report.Line($"# Supervised SimCSE: {baseId} on train/nli_triplets.tsv ({triplets.Count} triplets)");
        report.Line();
        report.Line($"CPU, {options.String("dtype", "float32")} compute (float32 master weights), {TorchSharp.torch.get_num_threads()} libtorch threads, {DateTime.UtcNow:u}. Hyperparameters: `{hp.ToJson().ToJsonString()}`");
        report.Line();
        (StsEvaluation baseStsb, StsEvaluation baseSick) = EvaluateBoth(ModelLoader.FromArtifacts(baseId, artifacts, Models.Cpu));
        report.Line($"Base: STS-B dev Spearman {Report.F(baseStsb.Spearman)} (alignment {Report.F(baseStsb.Alignment, "F3")}, uniformity {Report.F(baseStsb.Uniformity, "F3")}), SICK-R dev Spearman {Report.F(baseSick.Spearman)}.");
        report.Line();
        report.Line(ProgressPrinter.Header);

        var job = new TrainingJob
        {
            BaseModelId = baseId,
            BaseModel = artifacts,
            JobId = "bench-sup",
            OutputDirectory = Path.Combine(BenchPaths.Work, "runs", $"sup-{DateTime.UtcNow:yyyyMMddHHmmss}"),
            Method = TrainingMethod.Supervised,
            Triplets = triplets,
            Validation = StsPairReader.ReadFile(BenchPaths.SharedData("sts/stsb-dev.tsv")),
            Hyperparameters = hp,
        };
        var watch = Stopwatch.StartNew();
        TrainingResult result = new SimCseTrainer(new TrainerOptions { ComputeDType = options.String("dtype", "float32") }).Train(job, new ProgressPrinter(report, 5));
        watch.Stop();
        report.Line();
        report.Line($"{result.Steps} steps in {watch.Elapsed:hh\\:mm\\:ss} (including evaluations and checkpoints); best checkpoint `{result.Best?.ModelId}`.");

        using SentenceEncoder best = ModelLoader.LoadFolder(result.Best!.Folder, Models.Cpu);
        (StsEvaluation stsb, StsEvaluation sick) = EvaluateBoth(best);
        report.Line();
        report.Line("| | STS-B dev Spearman | SICK-R dev Spearman | STS-B alignment | STS-B uniformity |");
        report.Line("|---|---:|---:|---:|---:|");
        report.Line($"| base {baseId} | {Report.F(baseStsb.Spearman)} | {Report.F(baseSick.Spearman)} | {Report.F(baseStsb.Alignment, "F3")} | {Report.F(baseStsb.Uniformity, "F3")} |");
        report.Line($"| best checkpoint (reloaded from its folder) | {Report.F(stsb.Spearman)} | {Report.F(sick.Spearman)} | {Report.F(stsb.Alignment, "F3")} | {Report.F(stsb.Uniformity, "F3")} |");
        report.Line($"| change | {Report.F(stsb.Spearman - baseStsb.Spearman, "+0.00;-0.00")} | {Report.F(sick.Spearman - baseSick.Spearman, "+0.00;-0.00")} | | |");
    }

    private static (StsEvaluation Stsb, StsEvaluation Sick) EvaluateBoth(SentenceEncoder encoder)
    {
        using (encoder)
        {
            return (Models.Evaluate(encoder, "sts/stsb-dev.tsv"), Models.Evaluate(encoder, "sts/sickr-dev.tsv"));
        }
    }
}

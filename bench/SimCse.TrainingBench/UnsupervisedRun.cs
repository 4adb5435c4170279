using System.Diagnostics;
using System.Globalization;
using SimCse.Modeling.Data;
using SimCse.Modeling.Encoders;
using SimCse.Modeling.Evaluation;
using SimCse.Modeling.Loading;
using SimCse.Modeling.Training;

namespace SimCse.TrainingBench;

/// <summary>Unsupervised SimCSE from all-MiniLM-L6-v2 on train/unlabeled.txt, once per dropout value (the collapse ablation).</summary>
internal static class UnsupervisedRun
{
    public static void Run(BenchArguments options)
    {
        string baseId = options.String("model", "all-MiniLM-L6-v2");
        var report = new Report(BenchPaths.Results(options.String("name", "unsupervised")));
        double[] dropouts = options.String("dropouts", "0.1,0").Split(',').Select(value => double.Parse(value, CultureInfo.InvariantCulture)).ToArray();
        ModelArtifacts artifacts = Models.Artifacts(baseId);
        IReadOnlyList<string> sentences = UnsupervisedTextReader.ReadFile(BenchPaths.SharedData("train/unlabeled.txt"));

        report.Line($"# Unsupervised SimCSE: {baseId} on train/unlabeled.txt ({sentences.Count} sentences)");
        report.Line();
        StsEvaluation baseline;
        using (SentenceEncoder encoder = ModelLoader.FromArtifacts(baseId, artifacts, Models.Cpu))
        {
            baseline = Models.Evaluate(encoder, "sts/stsb-dev.tsv");
        }
        report.Line($"CPU, {options.String("dtype", "float32")} compute (float32 master weights), {TorchSharp.torch.get_num_threads()} libtorch threads, {DateTime.UtcNow:u}.");
        report.Line($"Base: STS-B dev Spearman {Report.F(baseline.Spearman)}, alignment {Report.F(baseline.Alignment, "F3")}, uniformity {Report.F(baseline.Uniformity, "F3")}.");
        foreach (double dropout in dropouts)
        {
            var hp = new TrainingHyperparameters
            {
                BatchSize = options.Int("batch", 64),
                LearningRate = options.Double("lr", 3e-5),
                MaxSteps = options.Int("steps", 150),
                MaxSeqLength = options.Int("max-seq-length", 32),
                Temperature = options.Double("temperature", 0.05),
                Pooling = options.Get("pooling"),
                EvalSteps = options.Int("eval-steps", 50),
                MiniBatchSize = options.OptionalInt("mini-batch"),
                WarmupRatio = options.Double("warmup", 0.0),
                Seed = options.Int("seed", 42),
                Dropout = dropout,
            };
            report.Line();
            report.Line($"## dropout {Report.F(dropout, "0.0##")}");
            report.Line();
            report.Line($"Hyperparameters: `{hp.ToJson().ToJsonString()}`");
            report.Line();
            report.Line(ProgressPrinter.Header);
            report.Line($"| 0 (base) | | {Report.F(baseline.Spearman)} | {Report.F(baseline.Alignment, "F3")} | {Report.F(baseline.Uniformity, "F3")} | |");
            var job = new TrainingJob
            {
                BaseModelId = baseId,
                BaseModel = artifacts,
                JobId = $"bench-unsup-d{dropout.ToString(CultureInfo.InvariantCulture)}",
                OutputDirectory = Path.Combine(BenchPaths.Work, "runs", $"unsup-{DateTime.UtcNow:yyyyMMddHHmmss}-d{dropout.ToString(CultureInfo.InvariantCulture)}"),
                Method = TrainingMethod.Unsupervised,
                Sentences = sentences,
                Validation = StsPairReader.ReadFile(BenchPaths.SharedData("sts/stsb-dev.tsv")),
                Hyperparameters = hp,
            };
            var watch = Stopwatch.StartNew();
            TrainingResult result = new SimCseTrainer(new TrainerOptions { ComputeDType = options.String("dtype", "float32") }).Train(job, new ProgressPrinter(report, 10));
            report.Line();
            report.Line($"{result.Steps} steps in {watch.Elapsed:hh\\:mm\\:ss}; best `{result.Best?.ModelId}` (STS-B dev {Report.F(result.Best?.Evaluation?.Spearman ?? double.NaN)}); final loss (mean of last 10 steps) {Report.F(result.Losses.TakeLast(10).Average(), "F4")}.");
        }
    }
}

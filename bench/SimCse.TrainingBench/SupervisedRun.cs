using System.Diagnostics;
using System.Globalization;
using SimCse.Modeling.Data;
using SimCse.Modeling.Encoders;
using SimCse.Modeling.Evaluation;
using SimCse.Modeling.Loading;
using SimCse.Modeling.Training;

namespace SimCse.TrainingBench;

/// <summary>
/// Supervised fine-tuning from arctic-embed-xs, validated on STS-B dev and reported on STS-B dev and SICK-R dev:
/// NLI triplets (<c>--data nli</c>), the same pairs without their negatives (<c>--data pairs</c>, for mined
/// negatives) or STS-B train + SICK-R train scored pairs (<c>--data scored</c>, CoSENT).
/// </summary>
internal static class SupervisedRun
{
    public static void Run(BenchArguments options)
    {
        string baseId = options.String("model", "arctic-embed-xs");
        string data = options.String("data", "nli");
        var report = new Report(BenchPaths.Results(options.String("name", "supervised")));
        TrainingMethod method = data == "scored" ? TrainingMethod.ScoredPairs : TrainingMethod.Supervised;
        int[]? matryoshkaDims = options.Get("matryoshka") is { } dimList ? [.. dimList.Split(',').Select(d => int.Parse(d, CultureInfo.InvariantCulture))] : null;
        // The sizes first: a Matryoshka job's recipe defaults (its passes) depend on them.
        var defaults = new TrainingHyperparameters { MatryoshkaDims = matryoshkaDims }.WithDefaultsFor(method);
        var hp = defaults with
        {
            BatchSize = options.Int("batch", defaults.BatchSize),
            LearningRate = options.Double("lr", defaults.LearningRate),
            Epochs = options.Int("epochs", defaults.Epochs),
            MaxSteps = options.OptionalInt("steps"),
            MaxSeqLength = options.Int("max-seq-length", defaults.MaxSeqLength),
            Temperature = options.Double("temperature", defaults.Temperature),
            HardNegativeWeight = options.Double("hard-negative-weight", defaults.HardNegativeWeight),
            Pooling = options.Get("pooling") ?? defaults.Pooling,
            EvalSteps = options.Int("eval-steps", defaults.EvalSteps),
            MiniBatchSize = options.OptionalInt("mini-batch"),
            WarmupRatio = options.Double("warmup", defaults.WarmupRatio),
            Seed = options.Int("seed", defaults.Seed),
            SymmetricLoss = options.Get("symmetric") is { } symmetric ? symmetric == "true" : defaults.SymmetricLoss,
            MatryoshkaWeights = options.Get("matryoshka-weights") is { } weightList ? weightList.Split(',').Select(w => double.Parse(w, CultureInfo.InvariantCulture)).ToArray() : null,
            MatryoshkaDistillation = options.Double("matryoshka-distillation", defaults.MatryoshkaDistillation),
            MineHardNegatives = data == "pairs" && options.Get("mine") != "false",
            MiningMargin = options.Double("margin", defaults.MiningMargin),
        };
        ModelArtifacts artifacts = Models.Artifacts(baseId);
        IReadOnlyList<TrainingTriplet>? triplets = null;
        IReadOnlyList<StsPair>? scored = null;
        string description;
        if (method == TrainingMethod.ScoredPairs)
        {
            scored = [.. StsPairReader.ReadFile(BenchPaths.SharedData("sts/stsb-train.tsv")), .. StsPairReader.ReadFile(BenchPaths.SharedData("sts/sickr-train.tsv"))];
            description = $"sts/stsb-train.tsv + sts/sickr-train.tsv ({scored.Count} scored pairs, CoSENT)";
        }
        else
        {
            triplets = SupervisedTripletReader.ReadFile(BenchPaths.SharedData("train/nli_triplets.tsv"));
            if (data == "pairs")
            {
                triplets = triplets.Take(options.Int("limit", triplets.Count)).Select(t => t with { Negative = null }).ToList();
            }
            description = data == "pairs"
                ? $"train/nli_triplets.tsv without its negatives ({triplets.Count} pairs{(hp.MineHardNegatives ? $", negatives mined with margin {hp.MiningMargin}" : "")})"
                : $"train/nli_triplets.tsv ({triplets.Count} triplets)";
        }

        report.Line($"# Fine-tuning {baseId} on {description}");
        report.Line();
        report.Line($"CPU ({CpuName()}), {options.String("dtype", "float32")} compute (float32 master weights), {TorchSharp.torch.get_num_threads()} libtorch threads, {DateTime.UtcNow:u}. Hyperparameters: `{hp.ToJson().ToJsonString()}`");
        report.Line();
        int[] dims = hp.MatryoshkaDims?.ToArray() ?? [];
        (Scores baseScores, double[] baseDims) = EvaluateBoth(ModelLoader.FromArtifacts(baseId, artifacts, Models.Cpu), dims);
        report.Line($"Base: STS-B dev Spearman {Report.F(baseScores.Stsb.Spearman)} (alignment {Report.F(baseScores.Stsb.Alignment, "F3")}, uniformity {Report.F(baseScores.Stsb.Uniformity, "F3")}), SICK-R dev Spearman {Report.F(baseScores.Sick.Spearman)}.");
        report.Line();
        report.Line(ProgressPrinter.Header);

        var job = new TrainingJob
        {
            BaseModelId = baseId,
            BaseModel = artifacts,
            JobId = "bench-sup",
            OutputDirectory = Path.Combine(BenchPaths.Work, "runs", $"sup-{DateTime.UtcNow:yyyyMMddHHmmss}"),
            Method = method,
            Triplets = triplets,
            ScoredPairs = scored,
            Validation = StsPairReader.ReadFile(BenchPaths.SharedData("sts/stsb-dev.tsv")),
            Hyperparameters = hp,
        };
        var watch = Stopwatch.StartNew();
        var trainerOptions = new TrainerOptions
        {
            ComputeDType = options.String("dtype", "float32"),
            HardNegativesMined = mining => report.Line($"Mined {mining.Mined} hard negatives for {mining.PairsWithoutNegative} pairs without one (margin {mining.Margin}) in {watch.Elapsed.TotalSeconds:F0} s.\n"),
        };
        TrainingResult result = new SimCseTrainer(trainerOptions).Train(job, new ProgressPrinter(report, 5));
        watch.Stop();
        report.Line();
        report.Line($"{result.Steps} steps in {watch.Elapsed:hh\\:mm\\:ss} (including evaluations and checkpoints); best checkpoint `{result.Best?.ModelId}`.");

        using SentenceEncoder best = ModelLoader.LoadFolder(result.Best!.Folder, Models.Cpu);
        (Scores scores, double[] bestDims) = EvaluateBoth(best, dims);
        report.Line();
        report.Line("| | STS-B dev Spearman | SICK-R dev Spearman | mean | STS-B alignment | STS-B uniformity |");
        report.Line("|---|---:|---:|---:|---:|---:|");
        report.Line($"| base {baseId} | {Report.F(baseScores.Stsb.Spearman)} | {Report.F(baseScores.Sick.Spearman)} | {Report.F(baseScores.Mean)} | {Report.F(baseScores.Stsb.Alignment, "F3")} | {Report.F(baseScores.Stsb.Uniformity, "F3")} |");
        report.Line($"| best checkpoint (reloaded from its folder) | {Report.F(scores.Stsb.Spearman)} | {Report.F(scores.Sick.Spearman)} | {Report.F(scores.Mean)} | {Report.F(scores.Stsb.Alignment, "F3")} | {Report.F(scores.Stsb.Uniformity, "F3")} |");
        report.Line($"| change | {Report.F(scores.Stsb.Spearman - baseScores.Stsb.Spearman, "+0.00;-0.00")} | {Report.F(scores.Sick.Spearman - baseScores.Sick.Spearman, "+0.00;-0.00")} | {Report.F(scores.Mean - baseScores.Mean, "+0.00;-0.00")} | | |");
        if (dims.Length > 0)
        {
            report.Line();
            report.Line("STS-B dev Spearman of the first *d* dimensions (re-normalised, as `/v1/embeddings` with `dimensions`):");
            report.Line();
            report.Line("| dimensions | " + string.Join(" | ", dims) + " |");
            report.Line("|---|" + string.Concat(dims.Select(_ => "---:|")));
            report.Line($"| base | {string.Join(" | ", baseDims.Select(v => Report.F(v)))} |");
            report.Line($"| best checkpoint | {string.Join(" | ", bestDims.Select(v => Report.F(v)))} |");
        }
    }

    private static (Scores Scores, double[] Dims) EvaluateBoth(SentenceEncoder encoder, int[] dims)
    {
        using (encoder)
        {
            var stsb = new StsEvaluator(StsPairReader.ReadFile(BenchPaths.SharedData("sts/stsb-dev.tsv")));
            float[][] vectors = stsb.Sentences.Chunk(64).SelectMany(chunk => encoder.EmbedTexts(chunk)).ToArray();
            var bySentence = stsb.Sentences.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => vectors[p.i], StringComparer.Ordinal);
            double[] perDim = dims.Select(d => stsb.Evaluate(texts => texts.Select(t => bySentence[t][..d]).ToArray()).Spearman).ToArray();
            return (new Scores(stsb.Evaluate(texts => texts.Select(t => bySentence[t]).ToArray()), Models.Evaluate(encoder, "sts/sickr-dev.tsv")), perDim);
        }
    }

    private static string CpuName() =>
        File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "unknown" : "unknown";

    private sealed record Scores(StsEvaluation Stsb, StsEvaluation Sick)
    {
        public double Mean => (Stsb.Spearman + Sick.Spearman) / 2;
    }
}

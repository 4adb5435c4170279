using System.Diagnostics;
using SimCse.Core.Tokenization;
using SimCse.Modeling.Bert;
using SimCse.Modeling.Encoders;
using SimCse.Modeling.Loading;
using SimCse.Modeling.Pooling;
using SimCse.Modeling.Tokenization;
using SimCse.Modeling.Training;
using SimCse.Modeling.Training.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace SimCse.TrainingBench;

/// <summary>
/// Unsupervised SimCSE training steps (batch × 2 views, every input exactly max_seq_length tokens) in
/// sentences/s and as a fraction of the forward+backward FLOP ceiling measured with a large matmul in the same run.
/// </summary>
internal static class ThroughputRun
{
    public static void Run(BenchArguments options)
    {
        string baseId = options.String("model", "all-MiniLM-L6-v2");
        int batch = options.Int("batch", 64);
        int length = options.Int("length", 32);
        int steps = options.Int("steps", 3);
        var report = new Report(BenchPaths.Results(options.String("name", "throughput")));
        ModelArtifacts artifacts = Models.Artifacts(baseId);
        var tokenizer = BertWordPieceTokenizer.FromVocabulary(artifacts.Vocabulary, artifacts.DoLowerCase, artifacts.MaxLength);
        // Long enough that every sentence truncates to exactly `length` tokens.
        var inputs = Enumerable.Range(0, batch)
            .Select(i => tokenizer.Encode(string.Join(' ', Enumerable.Range(0, length * 2).Select(k => $"word{(i * 7) + k}")), length))
            .ToList();

        double fp32Rate = MatmulRate(ScalarType.Float32);
        double bf16Rate = MatmulRate(ScalarType.BFloat16);
        long parameters = NonEmbeddingParameters(artifacts);
        BertConfig config = artifacts.Config;
        double flopsPerStep = 2 * batch * ((6.0 * parameters * length) + (12.0 * config.NumHiddenLayers * length * length * config.HiddenSize));

        report.Line($"# Training throughput: unsupervised SimCSE, {baseId}, batch {batch} × 2 views × {length} tokens");
        report.Line();
        report.Line($"CPU, {get_num_threads()} libtorch threads, {DateTime.UtcNow:u}. Non-embedding parameters {parameters:N0}; forward+backward ≈ 6·P·tokens + 12·L·S²·H per sequence = {flopsPerStep / 1e9:F1} GFLOP per step.");
        report.Line($"GEMM ceiling (2048² matmul) at the start: float32 {fp32Rate / 1e9:F1} GFLOP/s, bfloat16 {bf16Rate / 1e9:F1} GFLOP/s.");
        report.Line();
        report.Line("| weights | GradCache mini-batch | s/step | sentences/s (2 views) | achieved GFLOP/s (useful: GradCache's extra forward not counted) | GEMM ceiling around this row, GFLOP/s | fraction of that ceiling |");
        report.Line("|---|---|---:|---:|---:|---:|---:|");
        foreach ((ScalarType dtype, int? miniBatch) in new (ScalarType, int?)[] { (ScalarType.Float32, null), (ScalarType.Float32, 16), (ScalarType.BFloat16, null), (ScalarType.BFloat16, 16) })
        {
            // The machine is shared: measure the ceiling right before and after each row, keep the higher.
            double before = MatmulRate(dtype);
            double seconds = TimeSteps(artifacts, inputs, dtype, miniBatch, steps);
            double ceiling = Math.Max(before, MatmulRate(dtype));
            report.Line($"| {(dtype == ScalarType.Float32 ? "float32" : "bfloat16 (pure bf16 weights, no autocast)")} | {(miniBatch is { } m ? m.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none")} | {Report.F(seconds)} | {Report.F(2 * batch / seconds, "F1")} | {Report.F(flopsPerStep / seconds / 1e9, "F1")} | {Report.F(ceiling / 1e9, "F1")} | {Report.F(flopsPerStep / seconds / ceiling, "P0")} |");
        }
        report.Line();
        report.Line($"Where a step's time goes besides GEMMs: one dropout (p = 0.1) on the [{2 * batch * length}, {config.HiddenSize}] hidden states of a step, against the intermediate GEMM of the same rows ([{config.HiddenSize}] → [{config.IntermediateSize}]). A BERT layer runs three dropouts (two on hidden states, one on attention probabilities of {2 * batch * config.NumAttentionHeads * length * length:N0} elements) and four GEMMs per forward.");
        report.Line();
        report.Line("| dtype | libtorch dropout ms | of which the Bernoulli mask ms | `BertDropout` (the model's) ms | intermediate GEMM ms | libtorch dropout / GEMM | `BertDropout` / GEMM |");
        report.Line("|---|---:|---:|---:|---:|---:|---:|");
        foreach (ScalarType dtype in new[] { ScalarType.Float32, ScalarType.BFloat16 })
        {
            (double dropout, double mask, double ours, double gemm) = DropoutCost(2 * batch * length, config.HiddenSize, config.IntermediateSize, dtype);
            report.Line($"| {dtype} | {Report.F(dropout * 1e3, "F2")} | {Report.F(mask * 1e3, "F2")} | {Report.F(ours * 1e3, "F2")} | {Report.F(gemm * 1e3, "F2")} | {Report.F(dropout / gemm, "F2")} | {Report.F(ours / gemm, "F2")} |");
        }
    }

    private static double TimeSteps(ModelArtifacts artifacts, List<TokenizedInput> inputs, ScalarType dtype, int? miniBatch, int steps)
    {
        manual_seed(1);
        using var model = new BertModel(artifacts.Config, BertWeights.HasPooler(artifacts.Weights));
        BertWeights.Load(model, artifacts.Weights);
        model.to(dtype);
        model.train();
        // The trainer's optimizer: libtorch's fused AdamW kernel, gradients reset to none.
        using var optimizer = new FusedAdamW([(model.parameters(), 0.01)], 3e-5);
        var loss = new InfoNceLoss();
        var gradCache = new GradCache(chunk =>
        {
            using var scope = NewDisposeScope();
            (Tensor ids, Tensor mask) = PaddedBatch.Create(chunk, artifacts.Config.PadTokenId, CPU);
            return SentencePooling.Pool(model.forward(ids, mask), mask, PoolingMode.Mean).MoveToOuterDisposeScope();
        }, miniBatch);
        var watch = new Stopwatch();
        for (int step = -1; step < steps; step++)
        {
            // Step -1 warms up allocators and kernels and is not timed.
            if (step == 0)
            {
                watch.Start();
            }
            using var scope = NewDisposeScope();
            optimizer.ZeroGrad();
            gradCache.Step([inputs, inputs], views => loss.Compute(views[0], views[1]));
            optimizer.ClipGradNorm(1.0);
            optimizer.Step();
        }
        return watch.Elapsed.TotalSeconds / steps;
    }

    /// <summary>Seconds per call of libtorch's training-mode dropout, of its Bernoulli mask alone, of the model's <see cref="BertDropout"/>, and of a Linear on the same rows.</summary>
    private static (double Dropout, double Mask, double Ours, double Gemm) DropoutCost(int rows, int hidden, int intermediate, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        using var ours = new BertDropout(0.1);
        ours.train();
        Tensor x = randn(rows, hidden).to(dtype);
        Tensor weight = randn(intermediate, hidden).to(dtype);
        static double Seconds(Action call)
        {
            call();
            const int Repeats = 10;
            var watch = Stopwatch.StartNew();
            for (int i = 0; i < Repeats; i++)
            {
                call();
            }
            return watch.Elapsed.TotalSeconds / Repeats;
        }
        return (
            Seconds(() => nn.functional.dropout(x, 0.1, training: true).Dispose()),
            Seconds(() => empty_like(x).bernoulli_(0.9).Dispose()),
            Seconds(() => ours.forward(x).Dispose()),
            Seconds(() => nn.functional.linear(x, weight).Dispose()));
    }

    private static double MatmulRate(ScalarType dtype)
    {
        const int N = 2048;
        using var scope = NewDisposeScope();
        Tensor a = randn(N, N).to(dtype);
        Tensor b = randn(N, N).to(dtype);
        a.matmul(b).Dispose();
        const int Repeats = 5;
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < Repeats; i++)
        {
            a.matmul(b).Dispose();
        }
        return 2.0 * N * N * N * Repeats / watch.Elapsed.TotalSeconds;
    }

    private static long NonEmbeddingParameters(ModelArtifacts artifacts) =>
        artifacts.Weights.Where(entry => entry.Key.Contains("encoder.", StringComparison.Ordinal))
            .Sum(entry => entry.Value.Shape.Aggregate(1L, (product, size) => product * size));
}

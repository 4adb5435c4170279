using System.Diagnostics;
using SimCse.Core.Tokenization;
using SimCse.Modeling.Tests.Reference;

namespace SimCse.Bench;

/// <summary>
/// Sentences per second of the forward pass alone (inputs are tokenized once beforehand, so both runtimes
/// get identical ids and tokenization cost is not measured), per batch size, in arrival order and
/// length-sorted. Runtimes alternate per configuration, so slow drifts in background load hit all of them alike.
/// </summary>
internal static class ThroughputBenchmark
{
    public static void Run(MarkdownReport report, BenchModels models, IReadOnlyList<TokenizedInput> inputs, IReadOnlyList<int> batchSizes)
    {
        var runtimes = new (string Name, Func<IReadOnlyList<TokenizedInput>, float[][]> Embed)[]
        {
            ("TorchSharp default", models.Default.Embed),
            ("TorchSharp fp32", models.Fp32.Embed),
            ("ORT fp32", models.Onnx.Embed),
        };
        foreach (var runtime in runtimes)
        {
            // First calls pay for allocator growth, per-shape kernel set-up (oneDNN primitives, ORT's
            // shape-dependent plans) and JIT: run every sequence length once alone, then some full batches.
            BatchRunner.EmbedAll(runtime.Embed, inputs.DistinctBy(input => input.Length).ToList(), 1, sortByLength: false);
            BatchRunner.EmbedAll(runtime.Embed, inputs.Take(256).ToList(), 32, sortByLength: false);
        }

        report.Line($"### Throughput, {models.Model.Id}, {inputs.Count} STS-B dev sentences (sentences/s, higher is better)");
        report.Line();
        report.Line($"TorchSharp default = DType=auto, which chose {models.DefaultDType.DType} here: {models.DefaultDType.Reason}.");
        report.Line();
        report.Row("batch", "order", "padding", "TorchSharp default", "TorchSharp fp32", "ORT fp32", "default / ORT", "fp32 / ORT");
        report.Row("---:", "---", "---:", "---:", "---:", "---:", "---:", "---:");
        double bestDefault = 0;
        double bestOnnx = 0;
        foreach (int batchSize in batchSizes)
        {
            foreach (bool sorted in new[] { false, true })
            {
                if (batchSize == 1 && sorted)
                {
                    continue; // Nothing to sort within a batch of one.
                }
                double[] rates = runtimes.Select(runtime => Measure(runtime.Embed, inputs, batchSize, sorted)).ToArray();
                bestDefault = Math.Max(bestDefault, rates[0]);
                bestOnnx = Math.Max(bestOnnx, rates[2]);
                report.Row(
                    batchSize,
                    batchSize == 1 ? "-" : sorted ? "length-sorted" : "arrival",
                    $"{PaddingShare(inputs, batchSize, sorted):P0}",
                    $"{rates[0]:F0}",
                    $"{rates[1]:F0}",
                    $"{rates[2]:F0}",
                    $"{rates[0] / rates[2]:F2}",
                    $"{rates[1] / rates[2]:F2}");
            }
        }
        report.Line();
        report.Line($"Best default / best ORT: {bestDefault:F0} / {bestOnnx:F0} = **{bestDefault / bestOnnx:F2}**.");
        report.Line();
        report.Line("padding: share of padded positions among all positions fed to the model.");
        report.Line();
    }

    /// <summary>
    /// One whole pass per runtime. Not interleaved batch by batch: both runtimes' thread pools spin-wait
    /// after each call, so alternating them makes each starve the other (measured: TorchSharp fell to a
    /// few sentences/s). The pause lets the previous runtime's threads go idle first.
    /// </summary>
    private static double Measure(Func<IReadOnlyList<TokenizedInput>, float[][]> embed, IReadOnlyList<TokenizedInput> inputs, int batchSize, bool sorted)
    {
        Thread.Sleep(500);
        var stopwatch = Stopwatch.StartNew();
        BatchRunner.EmbedAll(embed, inputs, batchSize, sorted);
        return inputs.Count / stopwatch.Elapsed.TotalSeconds;
    }

    private static double PaddingShare(IReadOnlyList<TokenizedInput> inputs, int batchSize, bool sorted)
    {
        int[] order = BatchRunner.Order(inputs, sorted);
        long real = 0;
        long total = 0;
        foreach (int[] batch in order.Chunk(batchSize))
        {
            real += batch.Sum(index => inputs[index].Length);
            total += (long)batch.Length * batch.Max(index => inputs[index].Length);
        }
        return 1 - ((double)real / total);
    }
}

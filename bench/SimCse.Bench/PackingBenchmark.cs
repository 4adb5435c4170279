using System.Diagnostics;
using SimCse.Core.Tokenization;
using SimCse.Modeling.Encoders;
using SimCse.Modeling.Loading;
using SimCse.Modeling.Packaging;
using SimCse.Modeling.Tests.Reference;
using static TorchSharp.torch;

namespace SimCse.Bench;

/// <summary>
/// The <c>packing</c> command: padded batches run packed (per-token ops on real tokens only) against the same
/// batches run padded, on one loaded model per dtype, in arrival order (the mixed lengths a serving queue sees)
/// and length-sorted (little padding, where packing should cost nothing). Layouts alternate, twice each, so
/// background drift hits both alike. The evidence for packing by default and for the CPU padding limit.
/// </summary>
internal static class PackingBenchmark
{
    public static void Run(bool quick)
    {
        set_num_threads(Environment.ProcessorCount);
        var report = new MarkdownReport();
        report.Line($"## Packed vs padded forward passes, {DateTime.Now:yyyy-MM-dd HH:mm}{(quick ? " (--quick)" : "")}");
        report.Line();
        HostInfo.Describe(report);
        report.Line();
        (_, string[] sentences) = ReferenceSentences.StsbDev();
        sentences = quick ? sentences[..400] : sentences[..2000];
        int[] batchSizes = quick ? [32] : [8, 32, 64, 128];
        report.Line($"{PackagedModels.MiniLm.Id}, {sentences.Length} STS-B dev sentences, sentences/s (higher is better), best of two alternating runs per layout.");
        report.Line();
        report.Row("dtype", "batch", "order", "padding", "padded", "packed", "packed / padded");
        report.Row("---", "---:", "---", "---:", "---:", "---:", "---:");
        foreach (string dtype in new[] { ModelLoader.AutoDType, "float32" })
        {
            using SentenceEncoder encoder = ModelLoader.LoadPackaged(PackagedModels.MiniLm.Id, BenchModels.DataDirectory, BenchModels.SingleForward with { DType = dtype });
            TokenizedInput[] inputs = sentences.Select(text => encoder.Tokenizer.Encode(text, encoder.MaxLength)).ToArray();
            BatchRunner.EmbedAll(encoder.Embed, inputs[..256], 32, sortByLength: false);
            foreach (int batchSize in batchSizes)
            {
                foreach (bool sorted in new[] { false, true })
                {
                    double padded = 0;
                    double packed = 0;
                    for (int round = 0; round < 2; round++)
                    {
                        padded = Math.Max(padded, Measure(encoder, inputs, batchSize, sorted, pack: false));
                        packed = Math.Max(packed, Measure(encoder, inputs, batchSize, sorted, pack: true));
                    }
                    report.Row(encoder.DType, batchSize, sorted ? "length-sorted" : "arrival", $"{ThroughputBenchmark.PaddingShare(inputs, batchSize, sorted):P0}", $"{padded:F0}", $"{packed:F0}", $"**{packed / padded:F2}**");
                }
            }
            encoder.Model.PackPaddedBatches = true;
        }
        report.Line();
        report.Line($"Load average at end: {HostInfo.LoadAverage()}.");
        report.Save("packing", quick);
    }

    private static double Measure(SentenceEncoder encoder, TokenizedInput[] inputs, int batchSize, bool sorted, bool pack)
    {
        encoder.Model.PackPaddedBatches = pack;
        Thread.Sleep(200);
        var stopwatch = Stopwatch.StartNew();
        BatchRunner.EmbedAll(encoder.Embed, inputs, batchSize, sorted);
        return inputs.Length / stopwatch.Elapsed.TotalSeconds;
    }
}

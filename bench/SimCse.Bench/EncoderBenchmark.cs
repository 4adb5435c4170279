using SimCse.Core.Tokenization;
using SimCse.Modeling.Packaging;
using SimCse.Modeling.Tests.Reference;
using static TorchSharp.torch;

namespace SimCse.Bench;

/// <summary>The <c>encoder</c> command: throughput of the default model, then parity of both packaged models.</summary>
internal static class EncoderBenchmark
{
    public static void Run(bool quick)
    {
        // Same core count for both runtimes, so the ratios compare implementations, not thread settings.
        set_num_threads(Environment.ProcessorCount);
        var report = new MarkdownReport();
        report.Line($"## Encoder benchmark, {DateTime.Now:yyyy-MM-dd HH:mm}{(quick ? " (--quick)" : "")}");
        report.Line();
        HostInfo.Describe(report);
        report.Line("- The host is shared with other processes (a small VM; other agents build and test on the same cores), so absolute figures are noisy; the ratios, measured in one run, are the result.");
        report.Line();

        (double[] gold, string[] sentences) = ReferenceSentences.StsbDev();
        if (quick)
        {
            // A smoke check: 100 pairs still give a Spearman that moves with a broken model.
            gold = gold[..100];
            sentences = [.. sentences[..100], .. sentences[1500..1600]];
        }
        int[] batchSizes = quick ? [1, 8, 32] : [1, 8, 32, 128];

        foreach (PackagedModel model in PackagedModels.All)
        {
            using var models = new BenchModels(model);
            TokenizedInput[] inputs = sentences.Select(text => models.Fp32.Tokenizer.Encode(text, models.Fp32.MaxLength)).ToArray();
            if (model == PackagedModels.MiniLm)
            {
                ThroughputBenchmark.Run(report, models, quick ? inputs[..128] : inputs, batchSizes);
                ParityReport.Header(report, gold.Length);
            }
            ParityReport.Run(report, models, gold, inputs);
        }
        report.Line();
        report.Line($"Load average at end: {HostInfo.LoadAverage()}.");
        report.Save("encoder" + HostInfo.Variant, quick);
    }
}

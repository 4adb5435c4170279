using System.Diagnostics;
using SimCse.Modeling.Encoders;
using SimCse.Modeling.Loading;
using SimCse.Modeling.Packaging;
using SimCse.Modeling.Runtime;
using SimCse.Modeling.Tests.Reference;

namespace SimCse.Bench;

/// <summary>
/// The <c>memory</c> command: resident memory of a process holding the default model while it serves
/// single-sentence requests. A leak in the native forward path (tensors escaping their dispose scope)
/// shows as RSS growing with the call count instead of levelling off.
/// </summary>
internal static class MemoryBenchmark
{
    public static void Run(bool quick)
    {
        int step = quick ? 100 : 1000;
        int total = quick ? 1000 : 10_000;
        var report = new MarkdownReport();
        report.Line($"## Memory benchmark, {DateTime.Now:yyyy-MM-dd HH:mm}{(quick ? " (--quick)" : "")}");
        report.Line();
        HostInfo.Describe(report);
        report.Line($"- Before loading the model: VmRSS {HostInfo.ResidentMiB():F0} MiB");
        report.Line();

        string[] sentences = ReferenceSentences.StsbDev().Sentences;
        DTypeDecision? dtype = null;
        using SentenceEncoder encoder = ModelLoader.LoadPackaged(PackagedModels.DefaultId, BenchModels.DataDirectory, new EncoderOptions { Device = "cpu", DType = ModelLoader.AutoDType }, chosen => dtype = chosen);
        report.Line($"{PackagedModels.DefaultId}, default dtype ({dtype!.DType}: {dtype.Reason}), CPU; one EmbedTexts call (tokenize + forward) per sentence, cycling through STS-B dev.");
        report.Line();
        report.Row("calls", "VmRSS MiB", "managed heap MiB (after full GC)", "seconds");
        report.Row("---:", "---:", "---:", "---:");
        var stopwatch = Stopwatch.StartNew();
        var resident = new List<double>();
        for (int calls = 0; ; calls++)
        {
            if (calls % step == 0)
            {
                resident.Add(HostInfo.ResidentMiB());
                report.Row(calls, $"{resident[^1]:F1}", $"{GC.GetTotalMemory(forceFullCollection: true) / 1048576.0:F1}", $"{stopwatch.Elapsed.TotalSeconds:F1}");
            }
            if (calls == total)
            {
                break;
            }
            encoder.EmbedTexts([sentences[calls % sentences.Length]]);
        }
        report.Line();
        report.Line($"Growth from {step} calls to {total}: {resident[^1] - resident[1]:+0.0;-0.0} MiB; from load to {total}: {resident[^1] - resident[0]:+0.0;-0.0} MiB.");
        report.Save("memory" + HostInfo.Variant, quick);
    }
}

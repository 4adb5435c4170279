using System.Globalization;
using System.Text;

namespace SimCse.LoadBench;

/// <summary>
/// <c>vs-ort</c>: the service on its defaults under 1, 8 and 64 single-sentence clients next to ONNX Runtime
/// float32 in-process on the same sentences, measured in the same run, as ratios (issue 8's acceptance).
/// </summary>
public static class VsOrtMode
{
    public static async Task<bool> RunAsync(LoadGenerator load, BaselineResult baseline, BenchOptions options, StringBuilder report)
    {
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(report);
        report.AppendLine("In-process, no HTTP (measured first, service idle): ONNX Runtime float32 with intra-op threads = logical CPUs, length-sorted batches.");
        report.AppendLine();
        report.AppendLine("| engine | batch 1 p50 ms | " + string.Join(" | ", InProcessBaseline.ThroughputBatchSizes.Select(size => $"batch {size} sentences/s")) + " |");
        report.AppendLine("|---|---:|" + string.Concat(InProcessBaseline.ThroughputBatchSizes.Select(_ => "---:|")));
        report.AppendLine(CultureInfo.InvariantCulture, $"| ORT fp32 | {baseline.OrtSingleMs:F2} | {string.Join(" | ", InProcessBaseline.ThroughputBatchSizes.Select(size => baseline.OrtSentencesPerSecond[size].ToString("F0", CultureInfo.InvariantCulture)))} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| TorchSharp (service default dtype) | {baseline.TorchSingleMs:F2} | | | | |");
        report.AppendLine();
        report.AppendLine("The service over HTTP, one sentence per request, closed-loop clients:");
        report.AppendLine();
        report.AppendLine("| clients | sentences/s | p50 ms | p99 ms | mean forward-pass size | 429 | other |");
        report.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
        var results = new List<LoadResult>();
        foreach (int clients in options.Clients)
        {
            LoadResult result = await load.RunAsync(clients, options.Duration);
            results.Add(result);
            string row = string.Create(CultureInfo.InvariantCulture, $"| {clients} | {result.RequestsPerSecond:F1} | {result.Percentile(0.5):F2} | {result.Percentile(0.99):F2} | {result.MeanBatchSize:F2} | {result.Overloaded} | {result.Other} |");
            Console.WriteLine(row);
            report.AppendLine(row);
        }

        LoadResult single = results.MinBy(result => result.Clients)!;
        LoadResult most = results.MaxBy(result => result.Clients)!;
        double throughputRatio = most.RequestsPerSecond / baseline.OrtBestSentencesPerSecond;
        double latencyRatio = single.Percentile(0.5) / baseline.OrtSingleMs;
        long failed = results.Sum(result => result.Overloaded + result.Other);
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"- {most.Clients} clients vs ORT's best in-process ({baseline.OrtBestSentencesPerSecond:F0} sentences/s at batch {baseline.OrtBestBatchSize}): **{throughputRatio:F2}×** (target ≥ 1.5×) — {(throughputRatio >= 1.5 ? "met" : "NOT met")}");
        report.AppendLine(CultureInfo.InvariantCulture, $"- {single.Clients} client p50 vs ORT batch-1 forward ({baseline.OrtSingleMs:F2} ms): **{latencyRatio:F2}×** (target ≤ 1.5×) — {(latencyRatio <= 1.5 ? "met" : "NOT met")}");
        report.AppendLine(CultureInfo.InvariantCulture, $"- {single.Clients} client p50 vs our own in-process batch-1 forward ({baseline.TorchSingleMs:F2} ms): {single.Percentile(0.5) / baseline.TorchSingleMs:F2}× (the service path's share)");
        report.AppendLine(CultureInfo.InvariantCulture, $"- failed requests (429 + other): **{failed}** (target 0) — {(failed == 0 ? "met" : "NOT met")}");
        return failed == 0;
    }
}

using System.Globalization;
using System.Text;

namespace SimCse.LoadBench;

/// <summary>
/// <c>memory</c> (issue 8: "RSS after 10,000 calls ≤ 800 MB and flat"): the service's resident set after each
/// 10,000 single-sentence calls, at 1, 8 and 64 concurrent clients, so forward passes of every shape the batcher
/// forms (rows × tokens) go through it. Flat: over the last four phases (64 clients each) RSS grows by at most 5 %.
/// </summary>
public static class MemoryMode
{
    private const int CallsPerPhase = 10_000;
    private const double LimitMiB = 800;
    private const double FlatGrowth = 0.05;
    private static readonly int[] PhaseClients = [1, 8, 64, 64, 64, 64, 64, 64, 64, 64];
    private const int FlatPhases = 4;

    public static async Task<bool> RunAsync(LoadGenerator load, ServiceProcess service, StringBuilder report)
    {
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(report);
        double ready = service.Memory().CurrentMiB;
        report.AppendLine(CultureInfo.InvariantCulture, $"The service's VmRSS (from /proc) after each phase of {CallsPerPhase:N0} single-sentence `/v1/embeddings` calls; ready and idle before the first: **{ready:F0} MiB**.");
        report.AppendLine();
        report.AppendLine("| phase | clients | calls so far | 200 | failed | requests/s | mean batch size | VmRSS MiB after | VmHWM MiB |");
        report.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var after = new List<double>();
        long failed = 0;
        for (int phase = 0; phase < PhaseClients.Length; phase++)
        {
            LoadResult result = await load.RunAsync(PhaseClients[phase], TimeSpan.FromMinutes(10), CallsPerPhase);
            failed += result.Overloaded + result.Other;
            (double peak, double current) = service.Memory();
            after.Add(current);
            string row = string.Create(CultureInfo.InvariantCulture, $"| {phase + 1} | {PhaseClients[phase]} | {(phase + 1) * CallsPerPhase:N0} | {result.Ok} | {result.Overloaded + result.Other} | {result.RequestsPerSecond:F0} | {result.MeanBatchSize:F2} | {current:F0} | {peak:F0} |");
            Console.WriteLine(row);
            report.AppendLine(row);
        }
        double first = after[0];
        double flatFrom = after[^FlatPhases];
        double growth = (after[^1] - flatFrom) / flatFrom;
        bool underLimit = after.All(rss => rss <= LimitMiB);
        bool flat = growth <= FlatGrowth;
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"- RSS after the first {CallsPerPhase:N0} calls: {first:F0} MiB; highest after any phase: {after.Max():F0} MiB (limit {LimitMiB:F0}): {(underLimit ? "met" : "NOT met")}");
        report.AppendLine(CultureInfo.InvariantCulture, $"- flat: {growth:P1} from phase {after.Count - FlatPhases + 1} to {after.Count} (limit {FlatGrowth:P0}): {(flat ? "met" : "NOT met")}");
        report.AppendLine(CultureInfo.InvariantCulture, $"- failed requests: {failed}");
        return underLimit && flat && failed == 0;
    }
}

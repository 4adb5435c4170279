using System.Globalization;
using System.Text;

namespace SimCse.LoadBench;

/// <summary>
/// <c>service-path</c>: where one client's time goes. The service's own stage histograms (scraped from
/// /metrics before and after the phase) split the server side; the client's latency minus the forward
/// pass is the whole service path (HTTP, JSON, tokenization, queue hand-offs, response writing).
/// </summary>
public static class ServicePathMode
{
    private static readonly (string Metric, string Stage)[] Stages =
    [
        ("simcse_request_duration_seconds", "handler (tokenize + queue + forward + vectors)"),
        ("simcse_tokenization_duration_seconds", "tokenization"),
        ("simcse_queue_duration_seconds", "queue (enqueue → forward starts; model-thread wake-up)"),
        ("simcse_inference_duration_seconds", "forward pass"),
    ];

    public static async Task<bool> RunAsync(LoadGenerator load, BaselineResult baseline, BenchOptions options, StringBuilder report)
    {
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(report);
        await load.RunAsync(1, TimeSpan.FromSeconds(2)); // warm-up: JIT, connection
        string before = await load.ScrapeAsync();
        LoadResult result = await load.RunAsync(1, options.Duration);
        string after = await load.ScrapeAsync();

        double clientMean = result.OkSamples.Average(sample => sample.LatencyMs);
        var means = Stages.ToDictionary(stage => stage.Metric, stage => MeanMs(before, after, stage.Metric));
        double forward = means["simcse_inference_duration_seconds"];
        double handler = means["simcse_request_duration_seconds"];
        report.AppendLine(CultureInfo.InvariantCulture, $"1 client, {result.Ok} requests of one STS-B sentence, {result.Percentile(0.5):F2} ms p50 / {clientMean:F2} ms mean at the client.");
        report.AppendLine();
        report.AppendLine("| stage | mean ms |");
        report.AppendLine("|---|---:|");
        report.AppendLine(CultureInfo.InvariantCulture, $"| client round trip | {clientMean:F3} |");
        foreach ((string metric, string stage) in Stages)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"| {stage} | {means[metric]:F3} |");
        }
        double inHandler = handler - forward - means["simcse_tokenization_duration_seconds"] - means["simcse_queue_duration_seconds"];
        report.AppendLine(CultureInfo.InvariantCulture, $"| handler rest (validation, admission, completion hop, vector copies) | {inHandler:F3} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| outside the handler (Kestrel, JSON read and write, loopback, client) | {clientMean - handler:F3} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| **service path = client − forward** | **{clientMean - forward:F3}** |");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"In-process batch-1 forward of the same engine: {baseline.TorchSingleMs:F2} ms p50; ONNX Runtime fp32: {baseline.OrtSingleMs:F2} ms p50.");
        (double p50Us, double p99Us) = await RuntimeRoundTrip.MeasureAsync(load.Sentences, options.DataDirectory, calls: 5000);
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"The runtime alone (in-process, no HTTP, a model whose forward costs nothing; admission → enqueue → model-thread wake-up → plan → completion → caller): **{p50Us:F0} µs p50**, {p99Us:F0} µs p99 over 5000 sequential calls.");
        double servicePath = clientMean - forward;
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"- service path ≤ 1 ms: {(servicePath <= 1 ? "met" : "NOT met")} ({servicePath:F3} ms, of which {clientMean - handler:F3} ms outside the handler)");
        return result.Other == 0 && result.Overloaded == 0;
    }

    private static double MeanMs(string before, string after, string metric)
    {
        double sum = LoadGenerator.Sample(after, metric + "_sum") - LoadGenerator.Sample(before, metric + "_sum");
        double count = LoadGenerator.Sample(after, metric + "_count") - LoadGenerator.Sample(before, metric + "_count");
        return count > 0 ? sum / count * 1000 : double.NaN;
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;

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

        // Outside the handler, split: the server's whole request (ASP.NET Core's own http.server.request.duration,
        // which includes the middleware, body binding and response writing) against the handler, and the client's
        // round trip against the server's whole request (Kestrel's parsing and socket I/O, loopback, HttpClient).
        double server = MeanMs(before, after, "http_server_request_duration_seconds", "http_route=\"/v1/embeddings\"");
        report.AppendLine();
        report.AppendLine("Outside the handler, split by ASP.NET Core's own request timer (`http.server.request.duration`, from the request entering the hosting layer to the response completing):");
        report.AppendLine();
        report.AppendLine("| stage | mean ms |");
        report.AppendLine("|---|---:|");
        report.AppendLine(CultureInfo.InvariantCulture, $"| server request (hosting layer → response complete) | {server:F3} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| middleware + body binding + response writing (server − handler) | {server - handler:F3} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| Kestrel socket I/O and parsing, loopback, HttpClient (client − server) | {clientMean - server:F3} |");

        IReadOnlyList<(string Step, double Microseconds)> json = JsonPathCost.Measure(load.Sentences, iterations: 20000);
        report.AppendLine();
        report.AppendLine("In-process JSON work of one request (one sentence in, one 384-float vector out; service's serializer options; median of 5 rounds of 20000 calls):");
        report.AppendLine();
        report.AppendLine("| step | µs per request |");
        report.AppendLine("|---|---:|");
        foreach ((string step, double microseconds) in json)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"| {step} | {microseconds:F1} |");
        }

        // A ladder of cheaper requests through the same client, server and pipeline, one after another.
        string sentence = load.Sentences.OrderBy(text => text.Length).ElementAt(load.Sentences.Count / 2);
        string input = JsonSerializer.Serialize(new { input = sentence });
        string base64 = JsonSerializer.Serialize(new { input = sentence, encoding_format = "base64" });
        TimeSpan rung = TimeSpan.FromSeconds(Math.Max(4, options.Duration.TotalSeconds / 3));
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"A ladder at 1 client, {rung.TotalSeconds:0} s a rung, one median-length sentence ({sentence.Length} chars):");
        report.AppendLine();
        report.AppendLine("| request | what it adds | p50 ms | mean ms |");
        report.AppendLine("|---|---|---:|---:|");
        (string Path, string? Body, string Adds)[] ladder =
        [
            ("health/live", null, "Kestrel, the middleware pipeline, loopback, HttpClient: the floor"),
            ("v1/tokenize", input, "+ JSON body binding, tokenization, a JSON response"),
            ("v1/embeddings", input, "+ admission, queue, forward pass, 384 floats as JSON text"),
            ("v1/embeddings", base64, "the same, vector as base64"),
        ];
        bool ladderOk = true;
        foreach ((string path, string? body, string adds) in ladder)
        {
            using var stop = new CancellationTokenSource(rung);
            (List<double> okMs, long failed) = await load.LoopAsync(path, body, stop.Token);
            ladderOk &= failed == 0 && okMs.Count > 0;
            report.AppendLine(CultureInfo.InvariantCulture, $"| {(body is null ? "GET" : "POST")} /{path}{(body == base64 ? " (base64)" : string.Empty)} | {adds} | {LoadResult.Percentile(okMs, 0.5):F3} | {(okMs.Count > 0 ? okMs.Average() : double.NaN):F3} |");
        }

        if (options.Url is null)
        {
            await AppendRequestLogCostAsync(load, options, result.Percentile(0.5), report);
        }
        if (options.CompareDll is not null)
        {
            await AppendComparisonAsync(load, options, report);
        }
        return result.Other == 0 && result.Overloaded == 0 && ladderOk;
    }

    /// <summary>
    /// The bench starts the service with the request log at Warning; its shipped default is Information, one line
    /// per request on the console. A second service with the default level, 1 client, same sentences.
    /// </summary>
    private static async Task AppendRequestLogCostAsync(LoadGenerator load, BenchOptions options, double warningP50, StringBuilder report)
    {
        await using ServiceProcess service = await ServiceProcess.StartAsync(
            options.ApiDll,
            options.DataDirectory + "-information", // one process per data directory (its lock)
            ["--Serilog:MinimumLevel:Default=Information"],
            Path.Combine(Path.GetTempPath(), "simcse-loadbench-service-path-information.log"));
        using var logged = new LoadGenerator(service.Url, load.Sentences);
        await logged.RunAsync(1, TimeSpan.FromSeconds(2));
        LoadResult result = await logged.RunAsync(1, TimeSpan.FromSeconds(Math.Max(4, options.Duration.TotalSeconds / 2)));
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"With the shipped log level (Information: one request line per request to the console, here a pipe), a second service, 1 client: {result.Percentile(0.5):F2} ms p50 against {warningP50:F2} ms at Warning above ({result.Percentile(0.5) / warningP50:F2}×; the forward pass dominates both).");
    }

    /// <summary>
    /// Before/after in one run: a second service from <c>--compare-dll</c> (another build of SimCse.Api, same data),
    /// and 1 client alternating between the two for three rounds each, so both see the same machine load.
    /// </summary>
    private static async Task AppendComparisonAsync(LoadGenerator load, BenchOptions options, StringBuilder report)
    {
        await using ServiceProcess other = await ServiceProcess.StartAsync(
            options.CompareDll!,
            options.DataDirectory + "-compare",
            [],
            Path.Combine(Path.GetTempPath(), "simcse-loadbench-service-path-compare.log"));
        using var compared = new LoadGenerator(other.Url, load.Sentences);
        await compared.RunAsync(1, TimeSpan.FromSeconds(2));
        TimeSpan round = TimeSpan.FromSeconds(Math.Max(4, options.Duration.TotalSeconds / 3));
        var mine = new List<double>();
        var theirs = new List<double>();
        for (int i = 0; i < 3; i++)
        {
            theirs.AddRange((await compared.RunAsync(1, round)).OkSamples.Select(sample => sample.LatencyMs));
            mine.AddRange((await load.RunAsync(1, round)).OkSamples.Select(sample => sample.LatencyMs));
        }
        double before = LoadResult.Percentile(theirs, 0.5);
        double after = LoadResult.Percentile(mine, 0.5);
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Before/after, same run: 1 client alternating 3 × {round.TotalSeconds:0} s between `{options.CompareDll}` (before) and `{options.ApiDll}` (after): p50 {before:F2} ms before, {after:F2} ms after ({after / before:F3}×); mean {theirs.Average():F2} → {mine.Average():F2} ms.");
    }

    private static double MeanMs(string before, string after, string metric, string? label = null)
    {
        double sum = LoadGenerator.Sample(after, metric + "_sum", label) - LoadGenerator.Sample(before, metric + "_sum", label);
        double count = LoadGenerator.Sample(after, metric + "_count", label) - LoadGenerator.Sample(before, metric + "_count", label);
        return count > 0 ? sum / count * 1000 : double.NaN;
    }
}

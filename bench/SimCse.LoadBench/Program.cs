using System.Globalization;
using System.Net;
using System.Text;
using SimCse.LoadBench;

// Load generator for the service (not a test): throughput | overload | hotswap | vs-ort | service-path | abuse | memory; see BenchOptions for flags.
// The allocator the service runs on, for the in-process ORT reference too (see NativeAllocatorPreload).
SimCse.Modeling.Runtime.NativeAllocatorPreload.EnsurePreloaded(typeof(BenchOptions).Assembly);
BenchOptions options = BenchOptions.Parse(args);
string[] sentences = File.ReadLines(options.StsPath)
    .Select(line => line.Split('\t'))
    .Where(fields => fields.Length >= 3)
    .SelectMany(fields => new[] { fields[1], fields[2] })
    .Distinct(StringComparer.Ordinal)
    .ToArray();
Directory.CreateDirectory(options.ResultsDirectory);
// hotswap keeps no previous model, so every activation is a real load + verify + swap and requests
// tokenized for the old model must be re-routed: the strictest case for "zero failed requests".
string[] serviceArgs = options.Mode switch
{
    "overload" => ["--SimCse:Batching:MaxConcurrentRequests=256"],
    "hotswap" => ["--SimCse:Serving:KeepPrevious=0"],
    _ => [],
};

ServiceProcess? service = options.Url is null
    ? await ServiceProcess.StartAsync(options.ApiDll, options.DataDirectory, serviceArgs, Path.Combine(Path.GetTempPath(), $"simcse-loadbench-{options.Mode}.log"), options.ServiceGcServer)
    : null;
// The in-process baselines run first, at normal priority, while the service idles (same sentences, same run).
BaselineResult? baseline = options.Mode is "vs-ort" or "service-path"
    ? InProcessBaseline.Measure(sentences, options.DataDirectory, TimeSpan.FromSeconds(Math.Max(4, options.Duration.TotalSeconds / 2)))
    : null;
// The client shares the service's cores here; below-normal priority (set after the service started,
// so the child does not inherit it) keeps the client from being measured as part of the system under
// test. On a real deployment the clients run elsewhere.
System.Diagnostics.Process.GetCurrentProcess().PriorityClass = System.Diagnostics.ProcessPriorityClass.BelowNormal;
try
{
    Uri url = options.Url ?? service!.Url;
    using var load = new LoadGenerator(url, sentences);
    var report = new StringBuilder();
    report.AppendLine(CultureInfo.InvariantCulture, $"# Load benchmark: {options.Mode}");
    report.AppendLine();
    report.AppendLine(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; CPU: {CpuInfo.ModelName()}; load average {CpuInfo.LoadAverage()} at the start; {Environment.ProcessorCount} logical CPUs shared by the load generator, the service{(options.Mode is "throughput" or "vs-ort" or "service-path" ? ", the in-process engines" : string.Empty)} and other jobs on this machine, so absolute numbers are noisy: read the ratios. {sentences.Length} distinct STS-B dev sentences, one per request, model all-MiniLM-L6-v2 on CPU with the service's default configuration, {(options.Mode == "memory" ? "10,000 calls" : $"{options.Duration.TotalSeconds:0} s")} per phase.");
    if (service is not null)
    {
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Native allocator: the service {service.Allocator}; this process (and its in-process engines) {SimCse.Modeling.Runtime.NativeAllocatorPreload.Description}.");
    }
    if (options.ServiceGcServer is not null)
    {
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Service started with DOTNET_gcServer={options.ServiceGcServer} (the load generator keeps its own GC mode).");
    }
    report.AppendLine();
    bool passed = true;
    if (options.Mode == "vs-ort")
    {
        passed = await VsOrtMode.RunAsync(load, baseline!, options, report);
    }
    else if (options.Mode == "service-path")
    {
        passed = await ServicePathMode.RunAsync(load, baseline!, options, report);
    }
    else if (options.Mode == "memory")
    {
        passed = await MemoryMode.RunAsync(load, service ?? throw new InvalidOperationException("memory reads the service's /proc status, so it starts the service itself: drop --url."), report);
    }
    else if (options.Mode == "abuse")
    {
        passed = await AbuseMode.RunAsync(load, sentences, options, report);
    }
    else if (options.Mode == "hotswap")
    {
        int clients = options.Clients[0];
        string[] models = ["arctic-embed-xs", "all-MiniLM-L6-v2"];
        Task<LoadResult> running = load.RunAsync(clients, options.Duration);
        IReadOnlyList<SwapSample> swaps = await new SwapDriver(load.Client, models, swaps: 10).RunAsync(options.Duration);
        LoadResult result = await running;
        bool DuringSwap(RequestSample sample) => swaps.Any(swap => sample.Overlaps(swap.StartTimestamp, swap.EndTimestamp));
        double[] during = result.OkSamples.Where(DuringSwap).Select(sample => sample.LatencyMs).ToArray();
        double[] steady = result.OkSamples.Where(sample => !DuringSwap(sample)).Select(sample => sample.LatencyMs).ToArray();
        report.AppendLine(CultureInfo.InvariantCulture, $"{clients} concurrent clients for {options.Duration.TotalSeconds:0} s while activating {string.Join(" / ", models)} alternately {swaps.Count} times (SimCse:Serving:KeepPrevious=0, so each activation loads, verifies and warms the model on a side thread, then swaps between batches).");
        report.AppendLine();
        report.AppendLine("| requests 200 | failed (429 or other) | swaps 200 | swap ms p50 / max | p50 ms steady | p99 ms steady | p50 ms during swaps | p99 ms during swaps |");
        report.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        double[] swapMs = [.. swaps.Select(swap => swap.DurationMs)];
        report.AppendLine(CultureInfo.InvariantCulture, $"| {result.Ok} | {result.Overloaded + result.Other} | {swaps.Count(swap => swap.Status == 200)}/{swaps.Count} | {LoadResult.Percentile(swapMs, 0.5):F0} / {swapMs.Max():F0} | {LoadResult.Percentile(steady, 0.5):F1} | {LoadResult.Percentile(steady, 0.99):F1} | {LoadResult.Percentile(during, 0.5):F1} | {LoadResult.Percentile(during, 0.99):F1} |");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"- Zero failed requests: {(result.Overloaded + result.Other == 0 ? "yes" : "NO")}; {during.Length} requests overlapped a swap.");
        passed = result.Overloaded + result.Other == 0 && swaps.All(swap => swap.Status == 200);
    }
    else if (options.Mode == "throughput")
    {
        report.AppendLine("| clients | requests/s | p50 ms | p99 ms | mean batch size | 429 | other |");
        report.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
        var results = new List<LoadResult>();
        foreach (int clients in options.Clients)
        {
            LoadResult result = await load.RunAsync(clients, options.Duration);
            results.Add(result);
            string row = string.Create(CultureInfo.InvariantCulture, $"| {clients} | {result.RequestsPerSecond:F1} | {result.Percentile(0.5):F1} | {result.Percentile(0.99):F1} | {result.MeanBatchSize:F2} | {result.Overloaded} | {result.Other} |");
            Console.WriteLine(row);
            report.AppendLine(row);
        }
        double encoder = EncoderBaseline.SentencesPerSecond(sentences, options.DataDirectory, options.Duration);
        LoadResult single = results.First();
        LoadResult most = results.Last();
        double scaling = most.RequestsPerSecond / single.RequestsPerSecond;
        double efficiency = most.RequestsPerSecond / encoder;
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Encoder best case (in-process, batch 64, length-sorted, float32): **{encoder:F1} sentences/s**.");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"- N={most.Clients} vs N={single.Clients}: **{scaling:F2}×** (target ≥ 3×) — {(scaling >= 3 ? "met" : "NOT met")}");
        report.AppendLine(CultureInfo.InvariantCulture, $"- N={most.Clients} vs encoder best: **{efficiency:F2}×** (target ≥ 0.8×) — {(efficiency >= 0.8 ? "met" : "NOT met")}");
        passed = results.All(r => r.Other == 0);
    }
    else
    {
        int clients = options.Clients[0];
        double peakRss = 0;
        using var polling = new CancellationTokenSource();
        Task poller = service is null ? Task.CompletedTask : Task.Run(async () =>
        {
            while (!polling.IsCancellationRequested)
            {
                peakRss = Math.Max(peakRss, service.Memory().CurrentMiB);
                await Task.Delay(100);
            }
        });
        double rssBefore = service?.Memory().CurrentMiB ?? double.NaN;
        LoadResult result = await load.RunAsync(clients, options.Duration);
        await polling.CancelAsync();
        await poller;
        (double hwm, double rssAfter) = service?.Memory() ?? (double.NaN, double.NaN);

        int healthy = 0;
        for (int i = 0; i < 20; i++)
        {
            using var content = new StringContent("{\"input\": \"A man is playing a guitar.\"}", Encoding.UTF8, "application/json");
            using HttpResponseMessage response = await load.Client.PostAsync(new Uri("v1/embeddings", UriKind.Relative), content);
            healthy += response.StatusCode == HttpStatusCode.OK ? 1 : 0;
        }
        using HttpResponseMessage ready = await load.Client.GetAsync(new Uri("health/ready", UriKind.Relative));

        report.AppendLine(CultureInfo.InvariantCulture, $"{clients} concurrent clients, service started with MaxConcurrentRequests=256.");
        report.AppendLine();
        report.AppendLine("| 200 | 429 | other | 200/s | p50 ms (200) | p99 ms (200) | mean batch size |");
        report.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
        report.AppendLine(CultureInfo.InvariantCulture, $"| {result.Ok} | {result.Overloaded} | {result.Other} | {result.RequestsPerSecond:F1} | {result.Percentile(0.5):F1} | {result.Percentile(0.99):F1} | {result.MeanBatchSize:F2} |");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"- Service memory: RSS {rssBefore:F0} MiB before, peak sampled RSS {peakRss:F0} MiB, VmHWM {hwm:F0} MiB, {rssAfter:F0} MiB after.");
        report.AppendLine(CultureInfo.InvariantCulture, $"- Right after the overload: {healthy}/20 sequential requests 200, /health/ready {(int)ready.StatusCode}.");
        report.AppendLine(CultureInfo.InvariantCulture, $"- others = 0: {(result.Other == 0 ? "yes" : "NO")}");
        passed = result.Other == 0 && healthy == 20 && ready.StatusCode == HttpStatusCode.OK;
    }
    string text = report.ToString();
    Console.WriteLine(text);
    string name = options.Mode switch
    {
        "vs-ort" or "service-path" or "abuse" => $"{options.Mode}-{DateTime.UtcNow:yyyy-MM-dd}",
        "memory" => $"service-memory-{DateTime.UtcNow:yyyy-MM-dd}",
        _ => $"load-{options.Mode}",
    };
    name += options.ServiceGcServer is null ? string.Empty : $"-gcserver{options.ServiceGcServer}";
    await File.WriteAllTextAsync(Path.Combine(options.ResultsDirectory, $"{name}.md"), text);
    return passed ? 0 : 1;
}
finally
{
    if (service is not null)
    {
        await service.DisposeAsync();
    }
}

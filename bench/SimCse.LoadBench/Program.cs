using System.Globalization;
using System.Net;
using System.Text;
using SimCse.LoadBench;

// Load generator for the service (not a test): `throughput` or `overload`; see BenchOptions for flags.
BenchOptions options = BenchOptions.Parse(args);
string[] sentences = File.ReadLines(options.StsPath)
    .Select(line => line.Split('\t'))
    .Where(fields => fields.Length >= 3)
    .SelectMany(fields => new[] { fields[1], fields[2] })
    .Distinct(StringComparer.Ordinal)
    .ToArray();
Directory.CreateDirectory(options.ResultsDirectory);
string[] serviceArgs = options.Mode == "overload" ? ["--SimCse:Batching:MaxConcurrentRequests=256"] : [];

ServiceProcess? service = options.Url is null
    ? await ServiceProcess.StartAsync(options.ApiDll, options.DataDirectory, serviceArgs, Path.Combine(Path.GetTempPath(), $"simcse-loadbench-{options.Mode}.log"))
    : null;
try
{
    Uri url = options.Url ?? service!.Url;
    using var load = new LoadGenerator(url, sentences);
    var report = new StringBuilder();
    report.AppendLine(CultureInfo.InvariantCulture, $"# Load benchmark: {options.Mode}");
    report.AppendLine();
    report.AppendLine(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} logical CPUs shared by the load generator, the service{(options.Mode == "throughput" ? ", the in-process encoder" : string.Empty)} and other jobs on this machine, so absolute numbers are noisy: read the ratios. {sentences.Length} distinct STS-B dev sentences, one per request, model all-MiniLM-L6-v2 float32 on CPU, {options.Duration.TotalSeconds:0} s per phase.");
    report.AppendLine();
    bool passed = true;
    if (options.Mode == "throughput")
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
    await File.WriteAllTextAsync(Path.Combine(options.ResultsDirectory, $"load-{options.Mode}.md"), text);
    return passed ? 0 : 1;
}
finally
{
    if (service is not null)
    {
        await service.DisposeAsync();
    }
}

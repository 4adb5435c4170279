using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace SimCse.LoadBench;

/// <summary>N closed-loop clients, each sending one sentence per request for a fixed time.</summary>
public sealed class LoadGenerator(Uri url, IReadOnlyList<string> sentences) : IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
    {
        BaseAddress = url,
        Timeout = TimeSpan.FromMinutes(2),
    };

    public HttpClient Client => _client;

    public IReadOnlyList<string> Sentences => sentences;

    /// <summary><paramref name="clients"/> closed-loop clients for <paramref name="duration"/>, or until <paramref name="callLimit"/> requests have been sent.</summary>
    public async Task<LoadResult> RunAsync(int clients, TimeSpan duration, long callLimit = long.MaxValue)
    {
        long sent = 0;
        (double sumBefore, double countBefore) = await BatchSizeAsync();
        long ok = 0, overloaded = 0, other = 0;
        var samples = new ConcurrentBag<RequestSample>();
        var stopwatch = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(duration);
        async Task Client(int id)
        {
            var random = new Random(id);
            var local = new List<RequestSample>();
            while (!stop.IsCancellationRequested && Interlocked.Increment(ref sent) <= callLimit)
            {
                string body = JsonSerializer.Serialize(new { input = sentences[random.Next(sentences.Count)] });
                long started = Stopwatch.GetTimestamp();
                try
                {
                    using var content = new StringContent(body, Encoding.UTF8, "application/json");
                    using HttpResponseMessage response = await _client.PostAsync(new Uri("v1/embeddings", UriKind.Relative), content);
                    await response.Content.ReadAsByteArrayAsync();
                    switch (response.StatusCode)
                    {
                        case HttpStatusCode.OK:
                            Interlocked.Increment(ref ok);
                            local.Add(new RequestSample(started, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
                            break;
                        case HttpStatusCode.TooManyRequests:
                            Interlocked.Increment(ref overloaded);
                            break;
                        default:
                            Interlocked.Increment(ref other);
                            break;
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref other);
                }
                catch (TaskCanceledException)
                {
                    Interlocked.Increment(ref other);
                }
            }
            foreach (RequestSample sample in local)
            {
                samples.Add(sample);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, clients).Select(id => Task.Run(() => Client(id))));
        TimeSpan elapsed = stopwatch.Elapsed;
        (double sumAfter, double countAfter) = await BatchSizeAsync();
        double meanBatch = countAfter > countBefore ? (sumAfter - sumBefore) / (countAfter - countBefore) : double.NaN;
        return new LoadResult(clients, elapsed, ok, overloaded, other, [.. samples], meanBatch);
    }

    /// <summary>simcse_batch_size_sum and _count summed over models, from /metrics.</summary>
    public async Task<(double Sum, double Count)> BatchSizeAsync()
    {
        string text = await ScrapeAsync();
        return (Sample(text, "simcse_batch_size_sum"), Sample(text, "simcse_batch_size_count"));
    }

    /// <summary>The Prometheus exposition text of /metrics.</summary>
    public Task<string> ScrapeAsync() => _client.GetStringAsync(new Uri("metrics", UriKind.Relative));

    /// <summary>A metric's samples summed over labels (0 when absent).</summary>
    public static double Sample(string exposition, string name, string? label = null)
    {
        ArgumentNullException.ThrowIfNull(exposition);
        double total = 0;
        foreach (string line in exposition.Split('\n'))
        {
            bool named = line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal);
            if (named && (label is null || line.Contains(label, StringComparison.Ordinal)))
            {
                string[] parts = line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                total += double.Parse(parts[0], CultureInfo.InvariantCulture);
            }
        }
        return total;
    }

    /// <summary>
    /// One closed-loop client sending <paramref name="body"/> to <paramref name="path"/> (GET when null)
    /// until <paramref name="stop"/>; returns the latencies of 200s and the count of anything else.
    /// </summary>
    public async Task<(List<double> OkMs, long Failed)> LoopAsync(string path, string? body, CancellationToken stop)
    {
        var latencies = new List<double>();
        long failed = 0;
        while (!stop.IsCancellationRequested)
        {
            long started = Stopwatch.GetTimestamp();
            try
            {
                using HttpResponseMessage response = body is null
                    ? await _client.GetAsync(new Uri(path, UriKind.Relative), CancellationToken.None)
                    : await _client.PostAsync(new Uri(path, UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"), CancellationToken.None);
                await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                else
                {
                    failed++;
                }
            }
            catch (HttpRequestException)
            {
                failed++;
            }
            catch (TaskCanceledException)
            {
                failed++;
            }
        }
        return (latencies, failed);
    }

    public void Dispose() => _client.Dispose();
}

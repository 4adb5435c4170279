using System.Diagnostics;

namespace SimCse.LoadBench;

/// <summary>Activates the given models in turn, evenly spread over a load phase, and times each swap.</summary>
public sealed class SwapDriver(HttpClient client, IReadOnlyList<string> models, int swaps)
{
    public async Task<IReadOnlyList<SwapSample>> RunAsync(TimeSpan duration)
    {
        var results = new List<SwapSample>();
        TimeSpan interval = duration / (swaps + 1);
        for (int i = 0; i < swaps; i++)
        {
            await Task.Delay(interval);
            string model = models[i % models.Count];
            long started = Stopwatch.GetTimestamp();
            using HttpResponseMessage response = await client.PostAsync(new Uri($"v1/models/{model}/activate", UriKind.Relative), content: null);
            results.Add(new SwapSample(model, started, Stopwatch.GetTimestamp(), (int)response.StatusCode));
        }
        return results;
    }
}

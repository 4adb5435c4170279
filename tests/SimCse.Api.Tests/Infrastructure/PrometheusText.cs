using System.Globalization;

namespace SimCse.Api.Tests.Infrastructure;

/// <summary>Reads sample values out of a Prometheus text exposition.</summary>
public static class PrometheusText
{
    /// <summary>Sum of every sample of <paramref name="metric"/> (all label sets); 0 when the series does not exist yet.</summary>
    public static double Sum(string exposition, string metric)
    {
        ArgumentNullException.ThrowIfNull(exposition);
        double sum = 0;
        foreach (string line in exposition.Split('\n'))
        {
            if (line.StartsWith('#') || !line.StartsWith(metric, StringComparison.Ordinal))
            {
                continue;
            }
            string rest = line[metric.Length..];
            if (rest.Length == 0 || (rest[0] != ' ' && rest[0] != '{'))
            {
                // A longer name that merely starts with this one (simcse_batch_size_sum vs simcse_batch_size).
                continue;
            }
            string[] parts = line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (rest[0] == ' ')
            {
                parts = rest.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            }
            sum += double.Parse(parts[0], CultureInfo.InvariantCulture);
        }
        return sum;
    }

    public static async Task<string> ScrapeAsync(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return await client.GetStringAsync(new Uri("metrics", UriKind.Relative));
    }
}

namespace SimCse.LoadBench;

/// <summary>What one load phase measured.</summary>
public sealed record LoadResult(
    int Clients,
    TimeSpan Elapsed,
    long Ok,
    long Overloaded,
    long Other,
    IReadOnlyList<RequestSample> OkSamples,
    double MeanBatchSize)
{
    public double RequestsPerSecond => Ok / Elapsed.TotalSeconds;

    public double Percentile(double p) => Percentile(OkSamples.Select(sample => sample.LatencyMs), p);

    public static double Percentile(IEnumerable<double> latencies, double p)
    {
        double[] sorted = [.. latencies.Order()];
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}

namespace SimCse.LoadBench;

/// <summary>What one load phase measured.</summary>
public sealed record LoadResult(
    int Clients,
    TimeSpan Elapsed,
    long Ok,
    long Overloaded,
    long Other,
    IReadOnlyList<double> OkLatenciesMs,
    double MeanBatchSize)
{
    public double RequestsPerSecond => Ok / Elapsed.TotalSeconds;

    public double Percentile(double p)
    {
        if (OkLatenciesMs.Count == 0)
        {
            return double.NaN;
        }
        double[] sorted = [.. OkLatenciesMs.Order()];
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}

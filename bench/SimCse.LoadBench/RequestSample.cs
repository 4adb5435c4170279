using System.Diagnostics;

namespace SimCse.LoadBench;

/// <summary>One successful request: when it started (<see cref="Stopwatch"/> ticks) and how long it took.</summary>
public readonly record struct RequestSample(long StartTimestamp, double LatencyMs)
{
    public long EndTimestamp => StartTimestamp + (long)(LatencyMs * Stopwatch.Frequency / 1000);

    public bool Overlaps(long start, long end) => StartTimestamp <= end && EndTimestamp >= start;
}

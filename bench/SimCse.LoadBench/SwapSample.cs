using System.Diagnostics;

namespace SimCse.LoadBench;

/// <summary>One activation: which model, when it was asked for and answered, and the HTTP status.</summary>
public readonly record struct SwapSample(string Model, long StartTimestamp, long EndTimestamp, int Status)
{
    public double DurationMs => (EndTimestamp - StartTimestamp) * 1000.0 / Stopwatch.Frequency;
}

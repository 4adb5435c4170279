using System.Diagnostics;

namespace SimCse.Bench;

/// <summary>Wall time per op class, accumulated around synchronous CPU ops.</summary>
internal sealed class OpClassTimer
{
    private readonly Dictionary<string, TimeSpan> _totals = new(StringComparer.Ordinal);

    public T Time<T>(string opClass, Func<T> op)
    {
        long start = Stopwatch.GetTimestamp();
        T result = op();
        _totals[opClass] = _totals.GetValueOrDefault(opClass) + Stopwatch.GetElapsedTime(start);
        return result;
    }

    /// <summary>Milliseconds per repetition.</summary>
    public double Milliseconds(string opClass, int repetitions) => _totals.GetValueOrDefault(opClass).TotalMilliseconds / repetitions;
}

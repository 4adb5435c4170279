using System.Diagnostics;

namespace SimCse.Modeling.Runtime;

/// <summary>
/// How many intra-op (OpenMP) threads one CPU forward pass runs on: its share of the cores when other passes
/// run beside it (the runtime's forward lanes), and one thread for a pass so small that waking a second
/// thread for every GEMM costs more than it saves. Where "small" ends is measured once per encoder on the
/// first small pass (<see cref="SmallPassTokens"/>), not assumed: it depends on the CPU (AMX or not) and the
/// model. On a 2-core Xeon with AMX a MiniLM pass of 16 tokens took 2.2 ms on one thread against 2.45 ms on
/// two, and 32 tokens were a tie (bench/results/forward-lanes-2026-12-01.md).
/// </summary>
public sealed class PassThreadPolicy
{
    /// <summary>The largest pass (padded tokens) the calibration considers running on one thread.</summary>
    public const int LargestSmallPass = 32;

    private const int Rounds = 9;
    private readonly int _fullThreads;
    private readonly Lazy<int> _smallPassTokens;

    /// <param name="fullThreads">The threads a pass alone gets (the process's intra-op threads).</param>
    /// <param name="timeForwardMs">Runs one forward pass of the given padded length on the calling thread's current threads and returns its milliseconds.</param>
    public PassThreadPolicy(int fullThreads, Func<int, double> timeForwardMs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fullThreads, 1);
        ArgumentNullException.ThrowIfNull(timeForwardMs);
        _fullThreads = fullThreads;
        _smallPassTokens = new Lazy<int>(() => Calibrate(timeForwardMs), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>A policy that never changes the calling thread's threads (accelerators: the device does the work).</summary>
    public static PassThreadPolicy Unchanged { get; } = new(1, _ => 0);

    /// <summary>Passes of at most this many padded tokens run on one thread; null until measured, 0 = none.</summary>
    public int? SmallPassTokens => _smallPassTokens.IsValueCreated ? _smallPassTokens.Value : null;

    /// <summary>The threads for a pass of <paramref name="paddedTokens"/> with <paramref name="concurrentPasses"/> passes at once; 0 = leave the thread as it is.</summary>
    public int ThreadsFor(int paddedTokens, int concurrentPasses)
    {
        if (_fullThreads == 1)
        {
            return 0;
        }

        if (concurrentPasses > 1)
        {
            return Math.Max(1, _fullThreads / concurrentPasses);
        }

        return paddedTokens <= LargestSmallPass && paddedTokens <= _smallPassTokens.Value ? 1 : _fullThreads;
    }

    /// <summary>Sets the calling thread's intra-op threads for one pass; disposing restores the previous count.</summary>
    public static ThreadCountScope Use(int threads) => new(threads);

    private int Calibrate(Func<int, double> timeForwardMs)
    {
        // Largest size first: a pass that is faster alone at 32 tokens is faster alone below it too.
        foreach (int tokens in new[] { LargestSmallPass, LargestSmallPass / 2 })
        {
            if (OneThreadIsAsFast(timeForwardMs, tokens))
            {
                return tokens;
            }
        }
        return 0;
    }

    /// <summary>Medians of interleaved rounds, so a burst of load elsewhere on the machine hits both sides alike.</summary>
    private bool OneThreadIsAsFast(Func<int, double> timeForwardMs, int tokens)
    {
        var one = new double[Rounds];
        var full = new double[Rounds];
        for (int i = -1; i < Rounds; i++)
        {
            double alone = TimeWith(timeForwardMs, tokens, 1);
            double shared = TimeWith(timeForwardMs, tokens, _fullThreads);
            if (i >= 0)
            {
                one[i] = alone;
                full[i] = shared;
            }
        }
        Array.Sort(one);
        Array.Sort(full);
        return one[Rounds / 2] <= full[Rounds / 2];
    }

    private static double TimeWith(Func<int, double> timeForwardMs, int tokens, int threads)
    {
        using var scope = Use(threads);
        return timeForwardMs(tokens);
    }

    /// <summary>Milliseconds <paramref name="forward"/> takes.</summary>
    public static double TimeMs(Action forward)
    {
        ArgumentNullException.ThrowIfNull(forward);
        long started = Stopwatch.GetTimestamp();
        forward();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}

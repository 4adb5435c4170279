namespace SimCse.Modeling.Runtime;

/// <summary>
/// How many intra-op (OpenMP) threads one CPU forward pass runs on: the calling thread's own count when it runs
/// alone (the serving thread's default, or what a training job chose), its share of the process's threads when
/// other passes run beside it on the runtime's forward lanes (so two passes on a 2-core CPU take one core each
/// instead of four threads fighting over two cores).
/// </summary>
/// <remarks>
/// Tried and dropped: one thread for small passes alone. Back to back in-process a 16-token MiniLM pass was
/// ~10 % faster on one thread than on two (no OpenMP wake-up), but through the service at one client the p50
/// got 15 % worse (3.4 against 2.9 ms): between requests the weights leave the cache, and two cores stream
/// them back faster than one (bench/results/forward-lanes-2026-12-01.md). Re-measured on tcmalloc: in process batch 1
/// +8–10 %, through the service one client's p50 2.85 against 2.62 ms and 8 clients 653 against 725 requests/s.
/// </remarks>
public sealed class PassThreadPolicy
{
    private readonly int _fullThreads;

    /// <param name="fullThreads">The threads a pass alone gets (the process's intra-op threads).</param>
    public PassThreadPolicy(int fullThreads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fullThreads, 1);
        _fullThreads = fullThreads;
    }

    /// <summary>
    /// The process's intra-op threads, what libtorch starts with: <c>OMP_NUM_THREADS</c> when set, else the logical
    /// CPUs. Not the constructing thread's count, which a training job may have lowered for itself.
    /// </summary>
    public static int ProcessThreads { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("OMP_NUM_THREADS"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int configured) && configured > 0
            ? configured
            : Environment.ProcessorCount;

    /// <summary>A policy that never changes the calling thread's threads (accelerators: the device does the work).</summary>
    public static PassThreadPolicy Unchanged { get; } = new(1);

    /// <summary>The threads for a pass with <paramref name="concurrentPasses"/> passes at once; 0 = leave the thread as it is.</summary>
    public int ThreadsFor(int concurrentPasses) =>
        _fullThreads > 1 && concurrentPasses > 1 ? Math.Max(1, _fullThreads / concurrentPasses) : 0;
}

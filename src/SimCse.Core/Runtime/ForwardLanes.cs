namespace SimCse.Core.Runtime;

/// <summary>
/// Runs the forward passes of one batch on up to <see cref="Count"/> threads at once: the calling model
/// thread plus <see cref="Count"/> − 1 long-lived helper threads. Each pass is claimed by whichever lane is
/// free (the caller orders them longest first), and <see cref="Run"/> returns only when every pass has
/// finished, so commands and swaps between batches still see no pass in flight.
/// </summary>
/// <remarks>
/// Why lanes instead of one pass on every core: on a 2-core CPU two single-threaded passes did 1.27× (32 rows)
/// to 2.11× (1 row) the sentences per second of the same passes run one after another on two OpenMP threads
/// (<c>bench/SimCse.Bench -- lanes</c>), because no core waits at a barrier for the other and a request thread
/// that preempts one pass does not stall both.
/// </remarks>
public sealed class ForwardLanes : IDisposable
{
    private readonly Thread[] _helpers;
    private readonly object _gate = new();
    private LaneJob? _job;
    private long _generation;
    private bool _stopping;

    /// <param name="count">Most passes at once (1 = no helper threads).</param>
    /// <param name="threadName">Prefix of the helper threads' names.</param>
    public ForwardLanes(int count, string threadName)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Count = count;
        _helpers = new Thread[count - 1];
        for (var i = 0; i < _helpers.Length; i++)
        {
            _helpers[i] = new Thread(HelperLoop) { IsBackground = true, Name = $"{threadName}-lane-{i + 1}" };
            _helpers[i].Start();
        }
    }

    public int Count { get; }

    /// <summary>
    /// Calls <paramref name="body"/>(i, lanes) once for every i below <paramref name="items"/>, on up to
    /// <see cref="Count"/> threads including the caller; lanes is how many run at once. Rethrows the first
    /// exception a body threw (after all have finished).
    /// </summary>
    public void Run(int items, Action<int, int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var lanes = Math.Min(Count, items);
        if (lanes <= 1)
        {
            for (var i = 0; i < items; i++)
            {
                body(i, 1);
            }

            return;
        }

        var job = new LaneJob(items, lanes, body);
        lock (_gate)
        {
            _job = job;
            _generation++;
            Monitor.PulseAll(_gate);
        }

        job.Work();
        job.CloseAndWait();
        lock (_gate)
        {
            _job = null;
        }

        job.ThrowIfFailed();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stopping = true;
            Monitor.PulseAll(_gate);
        }

        foreach (var helper in _helpers)
        {
            helper.Join();
        }
    }

    private void HelperLoop()
    {
        long seen = 0;
        while (true)
        {
            LaneJob? job;
            lock (_gate)
            {
                while (!_stopping && (_generation == seen || _job is null))
                {
                    Monitor.Wait(_gate);
                }

                if (_stopping)
                {
                    return;
                }

                seen = _generation;
                job = _job;
            }

            if (job is not null && job.TryJoin())
            {
                job.Work();
                job.Leave();
            }
        }
    }
}

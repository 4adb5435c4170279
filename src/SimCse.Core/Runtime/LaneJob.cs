using System.Runtime.ExceptionServices;

namespace SimCse.Core.Runtime;

/// <summary>One batch's passes for <see cref="ForwardLanes"/>: a shared claim counter, and the helpers still working on it.</summary>
internal sealed class LaneJob(int items, int lanes, Action<int, int> body)
{
    private readonly object _state = new();
    private int _next = -1;
    private int _helpersJoined;
    private int _helpersWorking;
    private bool _closed;
    private ExceptionDispatchInfo? _failure;

    /// <summary>A helper may join while passes remain unclaimed and fewer than lanes − 1 helpers joined.</summary>
    public bool TryJoin()
    {
        lock (_state)
        {
            if (_closed || _helpersJoined >= lanes - 1 || Volatile.Read(ref _next) >= items - 1)
            {
                return false;
            }

            _helpersJoined++;
            _helpersWorking++;
            return true;
        }
    }

    public void Work()
    {
        int index;
        while ((index = Interlocked.Increment(ref _next)) < items)
        {
            try
            {
                body(index, lanes);
            }
            catch (Exception ex)
            {
                lock (_state)
                {
                    _failure ??= ExceptionDispatchInfo.Capture(ex);
                }
            }
        }
    }

    public void Leave()
    {
        lock (_state)
        {
            _helpersWorking--;
            Monitor.PulseAll(_state);
        }
    }

    /// <summary>Called by the owner once it found no pass left to claim: no helper joins after this.</summary>
    public void CloseAndWait()
    {
        lock (_state)
        {
            _closed = true;
            while (_helpersWorking > 0)
            {
                Monitor.Wait(_state);
            }
        }
    }

    public void ThrowIfFailed() => _failure?.Throw();
}

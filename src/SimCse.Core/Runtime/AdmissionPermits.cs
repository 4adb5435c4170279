namespace SimCse.Core.Runtime;

/// <summary>
/// A counting semaphore that never waits: one permit per admitted input. Refusing at once (rather than
/// queueing the caller) is what turns overload into a quick 429 instead of growing latency.
/// </summary>
internal sealed class AdmissionPermits
{
    private readonly int _capacity;
    private int _available;

    public AdmissionPermits(int capacity)
    {
        _capacity = capacity;
        _available = capacity;
    }

    public int Available => Volatile.Read(ref _available);

    public int InUse => _capacity - Available;

    /// <summary>Takes <paramref name="count"/> permits if that many are free; otherwise takes none.</summary>
    public bool TryAcquire(int count)
    {
        while (true)
        {
            var available = Volatile.Read(ref _available);
            if (available < count)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _available, available - count, available) == available)
            {
                return true;
            }
        }
    }

    public void Release(int count)
    {
        if (count > 0)
        {
            Interlocked.Add(ref _available, count);
        }
    }
}

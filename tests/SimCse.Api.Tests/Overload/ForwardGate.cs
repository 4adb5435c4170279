namespace SimCse.Api.Tests.Overload;

/// <summary>
/// Holds the next forward pass on the model thread until the test releases it, so requests can be
/// queued behind it deterministically. Unarmed, forward passes run straight through.
/// </summary>
public sealed class ForwardGate : IDisposable
{
    private readonly object _lock = new();
    private TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ManualResetEventSlim? _release;

    /// <summary>Makes the next forward pass block; returns a task that completes once it is blocked.</summary>
    public Task Arm()
    {
        lock (_lock)
        {
            _entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _release?.Dispose();
            _release = new ManualResetEventSlim();
            return _entered.Task;
        }
    }

    public void Release()
    {
        lock (_lock)
        {
            _release?.Set();
        }
    }

    /// <summary>Called on the model thread before each forward pass.</summary>
    internal void Pass()
    {
        ManualResetEventSlim? release;
        lock (_lock)
        {
            release = _release;
            if (release is null || release.IsSet)
            {
                return;
            }
            _entered.TrySetResult();
        }
        // A safety net so a broken test fails instead of hanging the run; not a timing assertion.
        if (!release.Wait(TimeSpan.FromSeconds(60)))
        {
            throw new TimeoutException("The test never released the forward gate.");
        }
        lock (_lock)
        {
            // One-shot: later passes run freely until the next Arm().
            if (ReferenceEquals(_release, release))
            {
                _release = null;
            }
            release.Dispose();
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _release?.Set();
        }
    }
}

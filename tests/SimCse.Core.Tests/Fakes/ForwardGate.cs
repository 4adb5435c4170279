namespace SimCse.Core.Tests.Fakes;

/// <summary>Holds one forward pass on the model thread until the test releases it, so tests can queue work deterministically.</summary>
public sealed class ForwardGate : IDisposable
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim _released = new();

    /// <summary>Completes when the model thread is inside the gated forward pass.</summary>
    public Task Entered => _entered.Task;

    public void Release() => _released.Set();

    internal void EnterAndWait()
    {
        _entered.TrySetResult();

        // A safety net so a broken test fails instead of hanging the run; not a timing assertion.
        if (!_released.Wait(TimeSpan.FromSeconds(60)))
        {
            throw new TimeoutException("The test never released the forward gate.");
        }
    }

    public void Dispose() => _released.Dispose();
}

namespace SimCse.Core.Runtime;

/// <summary>Work for the model thread that is not a batch (probe, swap, user function); runs between batches.</summary>
internal sealed class ModelCommand
{
    private readonly Action _execute;
    private readonly Action<Exception> _fail;

    public ModelCommand(bool changesModels, Action execute, Action<Exception> fail)
    {
        ChangesModels = changesModels;
        _execute = execute;
        _fail = fail;
    }

    /// <summary>
    /// True for commands that add, remove or activate models. They wait until no request is half served,
    /// so every request's vectors come from one model.
    /// </summary>
    public bool ChangesModels { get; }

    /// <summary>
    /// A command that completes <paramref name="completion"/> with <paramref name="body"/>'s result or
    /// exception; skipped (cancelled) when <paramref name="cancellationToken"/> fired before it ran.
    /// Continuations run off the model thread.
    /// </summary>
    public static ModelCommand For<T>(bool changesModels, Func<T> body, CancellationToken cancellationToken, out Task<T> completion)
    {
        var source = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        completion = source.Task;
        return new ModelCommand(
            changesModels,
            () =>
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    source.TrySetCanceled(cancellationToken);
                    return;
                }

                try
                {
                    source.TrySetResult(body());
                }
                catch (Exception ex)
                {
                    source.TrySetException(ex);
                }
            },
            error => source.TrySetException(error));
    }

    /// <summary>Runs the command; must not throw (it completes its own task with any error).</summary>
    public void Execute() => _execute();

    public void Fail(Exception error) => _fail(error);
}

namespace SimCse.Core.Tests.Fakes;

public static class TaskExtensions
{
    // A safety net against hangs, generous enough never to decide a test on a loaded machine.
    private static readonly TimeSpan SafetyTimeout = TimeSpan.FromSeconds(60);

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(SafetyTimeout);

    public static Task Within(this Task task) => task.WaitAsync(SafetyTimeout);
}

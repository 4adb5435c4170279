using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace SimCse.Api.Jobs;

/// <summary>
/// Retries the worker's database calls with exponential back-off (0.2 s doubling to 10 s) when the database is
/// unreachable or busy, so a database restart delays jobs instead of stopping the worker or the host.
/// </summary>
public static partial class DatabaseRetry
{
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(10);

    /// <summary>Until it succeeds, <paramref name="attempts"/> run out (then the last error is thrown), or the token stops it.</summary>
    public static async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> action, ILogger logger, CancellationToken cancellationToken, int attempts = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(action);
        TimeSpan delay = First;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await action(cancellationToken);
            }
            catch (Exception ex) when (IsTransient(ex) && attempt < attempts && !cancellationToken.IsCancellationRequested)
            {
                LogRetrying(logger, attempt, delay.TotalSeconds, ex.Message);
                await Task.Delay(delay, cancellationToken);
                delay = delay * 2 > Longest ? Longest : delay * 2;
            }
        }
    }

    public static Task RunAsync(Func<CancellationToken, Task> action, ILogger logger, CancellationToken cancellationToken, int attempts = int.MaxValue) =>
        RunAsync(async token =>
        {
            await action(token);
            return true;
        }, logger, cancellationToken, attempts);

    /// <summary>Connection and lock failures; not constraint violations or bugs.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        DbUpdateConcurrencyException => false,
        DbUpdateException update => update.InnerException is DbException or TimeoutException,
        DbException => true,
        TimeoutException => true,
        InvalidOperationException { InnerException: DbException or TimeoutException } => true,
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database call failed (attempt {Attempt}); retrying in {Seconds:F1} s: {Reason}")]
    private static partial void LogRetrying(ILogger logger, int attempt, double seconds, string reason);
}

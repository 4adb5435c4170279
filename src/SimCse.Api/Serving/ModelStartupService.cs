using SimCse.Core.Runtime;

namespace SimCse.Api.Serving;

/// <summary>
/// Loads the start-up model in the background so the process answers <c>/health/live</c> at once, hands it
/// to the model thread, and warms it up with a probe; <c>/health/ready</c> turns 200 after that.
/// </summary>
public sealed partial class ModelStartupService(
    IStartupModelSource source,
    ModelRuntime runtime,
    StartupModelState state,
    ILogger<ModelStartupService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var started = TimeProvider.System.GetTimestamp();
            var model = await Task.Run(source.Load, stoppingToken);
            double loadSeconds = TimeProvider.System.GetElapsedTime(started).TotalSeconds;
            await runtime.SwapAsync(model);
            var probe = await runtime.ProbeAsync(stoppingToken);
            double seconds = TimeProvider.System.GetElapsedTime(started).TotalSeconds;
            LogReady(logger, probe.ModelId, probe.Dimensions, seconds, loadSeconds, seconds - loadSeconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down before the model finished loading.
        }
#pragma warning disable CA1031 // Any load failure must leave the process up and unready, with the reason, not crash it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            state.Fail(ex.Message);
            LogFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving model {ModelId} ({Dimensions} dimensions), ready after {Seconds:F1} s (load {LoadSeconds:F1} s, warm-up {WarmUpSeconds:F1} s)")]
    private static partial void LogReady(ILogger logger, string modelId, int dimensions, double seconds, double loadSeconds, double warmUpSeconds);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The start-up model failed to load; the service stays unready")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

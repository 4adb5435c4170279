using Microsoft.Extensions.Options;
using SimCse.Api.Configuration;
using SimCse.Api.Persistence;
using SimCse.Api.Registry;
using SimCse.Core.Errors;
using SimCse.Core.Runtime;

namespace SimCse.Api.Fleet;

/// <summary>
/// Keeps this replica on the fleet's desired active model: every <see cref="FleetOptions.PollInterval"/> it reads the
/// desired model from the database and, when it differs from what this replica serves, runs the same verified hot
/// swap an activation request runs (load on a side thread, warm-up check, swap between batches). A model that fails
/// to load or verify here is not retried until the desired model changes; the replica keeps serving its previous
/// model and reports the failure (shown per replica on <c>/v1/models/{id}</c>). Also writes the replica's heartbeat.
/// </summary>
public sealed partial class ModelConvergenceService(
    ModelRegistry registry,
    ModelActivator activator,
    ModelRuntime runtime,
    FleetRegistry fleet,
    ReplicaIdentity replica,
    IOptions<FleetOptions> options,
    IOptions<TrainingOptions> training,
    ILogger<ModelConvergenceService> logger) : BackgroundService
{
    private string? _failedModel;
    private string? _failedReason;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval);
        try
        {
            do
            {
                await ConvergeOnceAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task ConvergeOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Until the start-up model serves, the start-up path owns the model (it loads the desired one itself).
            if (runtime.ActiveModelId is { } serving)
            {
                string? desired = registry.ActiveModelId();
                if (desired is not null && desired != serving && desired != _failedModel)
                {
                    await TakeAsync(desired, stoppingToken);
                }
                else if (desired == serving)
                {
                    _failedModel = null;
                    _failedReason = null;
                }
            }
            await fleet.ReportAsync(new ReplicaRecord
            {
                Id = replica.Id,
                ServingModel = runtime.ActiveModelId,
                FailedModel = _failedModel,
                FailedReason = _failedReason,
                TrainingEnabled = training.Value.Enabled,
            }, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A database hiccup must not stop convergence; the next tick tries again.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogTickFailed(logger, ex.Message);
        }
    }

    private async Task TakeAsync(string desired, CancellationToken stoppingToken)
    {
        try
        {
            if (await activator.ConvergeLocallyAsync(desired, stoppingToken))
            {
                _failedModel = null;
                _failedReason = null;
                LogConverged(logger, desired);
            }
        }
        catch (SimCseException ex) when (ex.Kind is ErrorKind.Unprocessable or ErrorKind.NotFound or ErrorKind.Conflict)
        {
            _failedModel = desired;
            _failedReason = ex.Message;
            LogRefused(logger, desired, runtime.ActiveModelId, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Converged on the fleet's active model {ModelId}")]
    private static partial void LogConverged(ILogger logger, string modelId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The fleet's active model {ModelId} failed to load or verify on this replica; still serving {Serving}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string modelId, string? serving, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fleet convergence tick failed: {Reason}")]
    private static partial void LogTickFailed(ILogger logger, string reason);
}

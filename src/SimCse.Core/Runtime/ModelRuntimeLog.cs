using Microsoft.Extensions.Logging;

namespace SimCse.Core.Runtime;

/// <summary>The model runtime's log events. Counts and ids only: request text is never logged.</summary>
internal static partial class ModelRuntimeLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Model thread started; active model {ModelId}; up to {ForwardLanes} forward passes at once, at most {MaxPassRows} rows and {MaxPassTokens} padded tokens each")]
    public static partial void Started(ILogger logger, string? modelId, int forwardLanes, int maxPassRows, int maxPassTokens);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Forward pass failed on model {ModelId} for a batch of {BatchSize} inputs ({PaddedTokens} padded tokens)")]
    public static partial void BatchFailed(ILogger logger, Exception exception, string modelId, int batchSize, int paddedTokens);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Active model is now {ModelId} (was {PreviousModelId})")]
    public static partial void Activated(ILogger logger, string modelId, string? previousModelId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Unloaded model {ModelId}")]
    public static partial void Unloaded(ILogger logger, string modelId);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Disposing model {ModelId} failed")]
    public static partial void DisposeFailed(ILogger logger, Exception exception, string modelId);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "Dropped {Inputs} queued inputs whose requests were cancelled or had failed")]
    public static partial void Dropped(ILogger logger, int inputs);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Model thread stopping; failing {Inputs} queued inputs and {Commands} commands")]
    public static partial void Stopping(ILogger logger, int inputs, int commands);

    [LoggerMessage(EventId = 8, Level = LogLevel.Critical, Message = "Model thread crashed; the runtime no longer serves")]
    public static partial void Crashed(ILogger logger, Exception exception);
}

using Serilog;
using SimCse.Api.Serving;

namespace SimCse.Api.Endpoints;

/// <summary>Adds counts and model (never text) to the request's completion log line.</summary>
public static class RequestLogFields
{
    public static void Record(IDiagnosticContext log, int inputs, EmbeddingOutcome outcome)
    {
        log.Set("Inputs", inputs);
        log.Set("Tokens", outcome.Tokens);
        log.Set("Model", outcome.ModelId);
        log.Set("QueueMs", Math.Round(outcome.QueueTime.TotalMilliseconds, 1));
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using SimCse.Api.Contracts;
using SimCse.Api.Evaluations;
using SimCse.Api.Registry;
using SimCse.Core.Runtime;
using SimCse.Modeling.Data;

namespace SimCse.Api.Jobs;

/// <summary>
/// The <c>auto_activate</c> gate: after a successful run, evaluate the best checkpoint and the active model on
/// the job's validation file now, with the same code path, and activate the checkpoint only when its Spearman
/// is higher. Both numbers and the decision go to the job's events.
/// </summary>
public sealed class AutoActivation(EvaluationService evaluations, ModelActivator activator, ModelRuntime runtime, JobLog log)
{
    public void Run(string jobId, string checkpointId, IReadOnlyList<StsPair>? validation)
    {
        if (validation is null)
        {
            log.Warn(jobId, "auto_activate: not activated, the job has no validation file to compare the checkpoint with the active model.");
            return;
        }
        EvaluationResponse candidate = evaluations.EvaluateAsync(checkpointId, validation, CancellationToken.None).GetAwaiter().GetResult();
        string? activeId = runtime.ActiveModelId;
        EvaluationResponse? active = activeId is null ? null : evaluations.EvaluateAsync(activeId, validation, CancellationToken.None).GetAwaiter().GetResult();
        var data = new JsonObject
        {
            ["checkpoint"] = checkpointId,
            ["checkpoint_spearman"] = candidate.Spearman,
            ["active_model"] = activeId,
            ["active_spearman"] = active?.Spearman,
        };
        string comparison = string.Create(CultureInfo.InvariantCulture,
            $"auto_activate: {checkpointId} Spearman={candidate.Spearman:F2} vs active {activeId ?? "(none)"} Spearman={(active is null ? "n/a" : active.Spearman?.ToString("F2", CultureInfo.InvariantCulture) ?? "undefined")}");
        log.Metrics(jobId, comparison, data);
        // An undefined Spearman (e.g. a validation file whose gold scores are all equal) proves nothing: no activation.
        if (candidate.Spearman is not { } score || (active?.Spearman is { } current && score <= current))
        {
            log.Info(jobId, $"auto_activate: not activated, the checkpoint is not better than the active model {activeId} on the validation file.");
            return;
        }
        activator.ActivateAsync(checkpointId, CancellationToken.None).GetAwaiter().GetResult();
        log.Info(jobId, $"auto_activate: activated {checkpointId}; it now serves requests.");
    }
}

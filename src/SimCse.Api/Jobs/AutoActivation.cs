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
/// is higher. Both numbers and the decision go to the job's events. Activation is fleet-wide (the desired model).
/// </summary>
public sealed class AutoActivation(EvaluationService evaluations, ModelActivator activator, ModelRuntime runtime, JobLog log)
{
    public async Task RunAsync(string jobId, string checkpointId, IReadOnlyList<StsPair>? validation, CancellationToken cancellationToken)
    {
        if (validation is null)
        {
            await log.WarnAsync(jobId, "auto_activate: not activated, the job has no validation file to compare the checkpoint with the active model.");
            return;
        }
        EvaluationResponse candidate = await evaluations.EvaluateAsync(checkpointId, validation, cancellationToken);
        string? activeId = runtime.ActiveModelId;
        EvaluationResponse? active = activeId is null ? null : await evaluations.EvaluateAsync(activeId, validation, cancellationToken);
        var data = new JsonObject
        {
            ["checkpoint"] = checkpointId,
            ["checkpoint_spearman"] = candidate.Spearman,
            ["active_model"] = activeId,
            ["active_spearman"] = active?.Spearman,
        };
        string comparison = string.Create(CultureInfo.InvariantCulture,
            $"auto_activate: {checkpointId} Spearman={candidate.Spearman:F2} vs active {activeId ?? "(none)"} Spearman={(active is null ? "n/a" : active.Spearman?.ToString("F2", CultureInfo.InvariantCulture) ?? "undefined")}");
        await log.MetricsAsync(jobId, comparison, data);
        // An undefined Spearman (e.g. a validation file whose gold scores are all equal) proves nothing: no activation.
        if (candidate.Spearman is not { } score || (active?.Spearman is { } current && score <= current))
        {
            await log.InfoAsync(jobId, $"auto_activate: not activated, the checkpoint is not better than the active model {activeId} on the validation file.");
            return;
        }
        await activator.ActivateAsync(checkpointId, cancellationToken);
        await log.InfoAsync(jobId, $"auto_activate: activated {checkpointId}; it now serves requests.");
    }
}

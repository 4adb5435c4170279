namespace SimCse.Api.Contracts;

/// <summary>
/// What a job's report and the dashboard draw: logged training loss per step, and the evaluations in step
/// order, starting with the base model (step 0) on the job's validation file when it has one, so the
/// alignment–uniformity path starts where training started (SimCSE paper, figure 2).
/// </summary>
public sealed record JobCurves(string JobId, string Model, string Status, IReadOnlyList<LossPoint> Loss, IReadOnlyList<EvaluationPoint> Evaluations)
{
    public string Object => "fine_tuning.job.curves";
}

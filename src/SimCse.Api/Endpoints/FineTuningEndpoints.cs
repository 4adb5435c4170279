using SimCse.Api.Contracts;
using SimCse.Api.Jobs;
using SimCse.Api.OpenApi;
using SimCse.Api.Paging;
using SimCse.Api.Persistence;

namespace SimCse.Api.Endpoints;

/// <summary>Admin routes: <c>/v1/fine_tuning/jobs</c> (OpenAI fine-tuning API shapes) and the job report.</summary>
public static class FineTuningEndpoints
{
    public static RouteGroupBuilder MapFineTuning(this RouteGroupBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        RouteGroupBuilder group = routes.MapGroup(string.Empty).AddEndpointFilter<DatabaseUnavailableFilter>();
        group.MapPost("/fine_tuning/jobs", async (JsonBody<FineTuningJobRequest> body, FineTuningJobService jobs, CancellationToken cancellationToken) =>
                TypedResults.Ok(await jobs.CreateAsync(body.Value, cancellationToken)))
            .WithName("CreateFineTuningJob")
            .WithSummary("Create a SimCSE fine-tuning job")
            .WithDescription("Validated before it is accepted: the model must be registered (404), the files must exist (404), have the right purpose and parse for the method, and the hyperparameters must be valid (400 naming the field). Unknown fields and hyperparameters are refused (400 naming them), as are values over the configured caps or an activation-memory estimate over SimCse:Training:MaxActivationBytes. Jobs run one at a time per training replica; in a fleet exactly one replica takes each job (its `worker`); poll the job, its events and checkpoints. Checkpoints are registered models (`ft:<base>:<job-id>:step-<n>`) that can be activated. With `auto_activate`, the best checkpoint is activated only when it beats the active model on the validation file.")
            .WithMetadata([.. FineTuningJobExamples.All])
            .Accepts<FineTuningJobRequest>("application/json")
            .ProducesStandardProblems();
        group.MapGet("/fine_tuning/jobs", async (string? after, int? limit, FineTuningJobService jobs, CancellationToken cancellationToken) =>
                TypedResults.Ok(await jobs.ListAsync(PageQuery.From(after, limit), cancellationToken)))
            .WithName("ListFineTuningJobs")
            .WithSummary("List fine-tuning jobs, newest first (cursor paging: after, limit ≤ 100, has_more)")
            .ProducesStandardProblems();
        group.MapGet("/fine_tuning/jobs/{id}", async (string id, FineTuningJobService jobs, CancellationToken cancellationToken) =>
                TypedResults.Ok(await jobs.GetAsync(id, cancellationToken)))
            .WithName("GetFineTuningJob")
            .WithSummary("One fine-tuning job with its status and progress")
            .ProducesStandardProblems();
        group.MapPost("/fine_tuning/jobs/{id}/cancel", async (string id, FineTuningJobService jobs, CancellationToken cancellationToken) =>
                TypedResults.Ok(await jobs.CancelAsync(id, cancellationToken)))
            .WithName("CancelFineTuningJob")
            .WithSummary("Cancel a queued or running job")
            .WithDescription("A queued job is cancelled at once; a running job stops after its current step (on whichever replica runs it) and keeps its checkpoints. 409 when the job already succeeded or failed.")
            .ProducesStandardProblems()
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/fine_tuning/jobs/{id}", async (string id, FineTuningJobService jobs, CancellationToken cancellationToken) =>
                TypedResults.Ok(await jobs.DeleteAsync(id, cancellationToken)))
            .WithName("DeleteFineTuningJob")
            .WithSummary("Delete a finished job's record")
            .WithDescription("Removes a succeeded, failed or cancelled job with its events and checkpoint list; its checkpoint models stay registered (delete them through /v1/models). 409 while the job is queued or running.")
            .ProducesStandardProblems()
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/fine_tuning/jobs/{id}/events", async (string id, string? after, int? limit, FineTuningJobService jobs, CancellationToken cancellationToken) =>
                TypedResults.Ok(await jobs.EventsAsync(id, PageQuery.From(after, limit), cancellationToken)))
            .WithName("ListFineTuningEvents")
            .WithSummary("A job's events, oldest first: lifecycle messages, logged steps (loss, learning rate) and evaluations")
            .ProducesStandardProblems();
        group.MapGet("/fine_tuning/jobs/{id}/checkpoints", async (string id, string? after, int? limit, FineTuningJobService jobs, CancellationToken cancellationToken) =>
                TypedResults.Ok(await jobs.CheckpointsAsync(id, PageQuery.From(after, limit), cancellationToken)))
            .WithName("ListFineTuningCheckpoints")
            .WithSummary("A job's kept checkpoints (the best and the last), newest first")
            .ProducesStandardProblems();
        group.MapGet("/fine_tuning/jobs/{id}/report", async (string id, JobReport report, CancellationToken cancellationToken) =>
                TypedResults.Text(await report.RenderAsync(id, cancellationToken), "image/svg+xml"))
            .WithName("GetFineTuningReport")
            .WithSummary("SVG report: training loss, validation Spearman per evaluation, alignment–uniformity trajectory")
            .Produces<string>(StatusCodes.Status200OK, "image/svg+xml")
            .ProducesStandardProblems();
        return routes;
    }
}

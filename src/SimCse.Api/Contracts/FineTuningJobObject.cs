using System.Text.Json.Nodes;

namespace SimCse.Api.Contracts;

/// <summary>OpenAI <c>fine_tuning.job</c>, plus <c>auto_activate</c>, <c>progress</c> and <c>worker</c> (the replica that holds or held it).</summary>
public sealed record FineTuningJobObject(
    string Id,
    string Model,
    string Status,
    long CreatedAt,
    long? FinishedAt,
    string? FineTunedModel,
    JobError? Error,
    JsonObject Hyperparameters,
    FineTuningMethodObject Method,
    string TrainingFile,
    string? ValidationFile,
    int Seed,
    string? Suffix,
    bool AutoActivate,
    JobProgress Progress,
    string? Worker)
{
    public string Object => "fine_tuning.job";
}

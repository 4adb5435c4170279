using System.Text.Json.Nodes;

namespace SimCse.Api.Contracts;

/// <summary>OpenAI <c>fine_tuning.job</c>, plus <c>auto_activate</c> and <c>progress</c>.</summary>
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
    JobProgress Progress)
{
    public string Object => "fine_tuning.job";
}

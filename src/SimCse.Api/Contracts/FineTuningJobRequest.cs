namespace SimCse.Api.Contracts;

/// <summary>Body of <c>POST /v1/fine_tuning/jobs</c>.</summary>
public sealed record FineTuningJobRequest(
    string? Model,
    string? TrainingFile,
    string? ValidationFile,
    FineTuningMethod? Method,
    int? Seed,
    string? Suffix,
    bool? AutoActivate);

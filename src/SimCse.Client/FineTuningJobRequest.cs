namespace SimCse.Client;

/// <summary>Body of <c>POST /v1/fine_tuning/jobs</c>.</summary>
public sealed record FineTuningJobRequest(string Model, string TrainingFile)
{
    public string? ValidationFile { get; init; }

    public FineTuningMethod? Method { get; init; }

    public int? Seed { get; init; }

    public string? Suffix { get; init; }

    /// <summary>Activate the best checkpoint when it beats the active model on the validation file.</summary>
    public bool? AutoActivate { get; init; }
}

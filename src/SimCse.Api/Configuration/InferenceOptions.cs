namespace SimCse.Api.Configuration;

/// <summary>Section <c>SimCse:Inference</c>: request-level limits (the queue's limits are in <c>SimCse:Batching</c>).</summary>
public sealed class InferenceOptions
{
    public const string SectionName = "SimCse:Inference";

    /// <summary>Cut inputs longer than the model's max length (true, like TEI's auto-truncate) or refuse them with 422.</summary>
    public bool AutoTruncate { get; set; } = true;

    /// <summary>Largest request body Kestrel accepts for the inference routes; larger → 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 2 * 1024 * 1024;
}

namespace SimCse.Client;

/// <summary>Where the service is and how to call it.</summary>
public sealed class SimCseClientOptions
{
    /// <summary>The default largest number of inputs per request: the service's default <c>SimCse:Batching:MaxClientBatchSize</c>.</summary>
    public const int DefaultMaxBatchSize = 256;

    /// <summary>The service root, e.g. <c>http://localhost:8080/</c> (a trailing <c>/v1</c> is accepted too).</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Sent as <c>Authorization: Bearer</c>; null when the service has no keys.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The model to embed with; null = the service's active model. <c>EmbeddingGenerationOptions.ModelId</c> overrides it per call.</summary>
    public string? ModelId { get; set; }

    /// <summary>
    /// Inputs per request; larger calls are split into several requests. When the service answers 413
    /// with a smaller limit, the client uses that one from then on.
    /// </summary>
    public int MaxBatchSize { get; set; } = DefaultMaxBatchSize;

    /// <summary>How often <see cref="SimCseClient.WaitForFineTuningJobAsync"/> polls.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}

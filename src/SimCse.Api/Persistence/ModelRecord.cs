namespace SimCse.Api.Persistence;

/// <summary>A servable model the registry knows besides the packaged ones: a fine-tuned checkpoint or an imported folder.</summary>
public sealed class ModelRecord
{
    public required string Id { get; set; }

    /// <summary>The Hugging Face folder (with simcse.json), relative to <c>SimCse:DataDirectory</c> when it lies inside it (see <see cref="StoredPaths"/>), so the directory can move.</summary>
    public required string Folder { get; set; }

    public string? BaseModel { get; set; }

    public string? JobId { get; set; }

    public int? Step { get; set; }

    public long CreatedAt { get; set; }

    /// <summary>Evaluation metrics as JSON (valid_spearman, alignment, uniformity, train_loss).</summary>
    public string? MetricsJson { get; set; }
}

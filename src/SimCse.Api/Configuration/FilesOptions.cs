namespace SimCse.Api.Configuration;

/// <summary>Section <c>SimCse:Files</c>: uploads.</summary>
public sealed class FilesOptions
{
    public const string SectionName = "SimCse:Files";

    /// <summary>Largest accepted upload (file bytes); the upload route raises Kestrel's body limit to this (plus multipart framing) for itself only.</summary>
    public long MaxBytes { get; set; } = 100L * 1024 * 1024;
}

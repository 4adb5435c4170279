namespace SimCse.Api.Configuration;

/// <summary>Section <c>SimCse</c>: where the service keeps its state.</summary>
public sealed class SimCseOptions
{
    public const string SectionName = "SimCse";

    /// <summary>Database, uploads, checkpoints and imported models; relative paths are under the content root.</summary>
    public string DataDirectory { get; set; } = "data";
}

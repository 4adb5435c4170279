namespace SimCse.Api.Configuration;

/// <summary>Section <c>SimCse:Logging</c>.</summary>
public sealed class LoggingSwitches
{
    public const string SectionName = "SimCse:Logging";

    /// <summary>Compact JSON lines (for log shippers) instead of readable text.</summary>
    public bool Json { get; set; }
}

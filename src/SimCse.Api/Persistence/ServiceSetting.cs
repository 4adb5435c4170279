namespace SimCse.Api.Persistence;

/// <summary>A key/value fact that must survive restarts (e.g. which model is active).</summary>
public sealed class ServiceSetting
{
    public const string ActiveModelKey = "active_model";

    public required string Key { get; set; }

    public required string Value { get; set; }
}

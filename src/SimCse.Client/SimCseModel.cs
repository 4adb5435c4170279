namespace SimCse.Client;

/// <summary>A model the service knows: whether it serves requests now (<see cref="Active"/>), is loaded, its lineage and metrics.</summary>
public sealed record SimCseModel(string Id, bool Active, bool Loaded, string? BaseModel, IReadOnlyDictionary<string, double>? Metrics);

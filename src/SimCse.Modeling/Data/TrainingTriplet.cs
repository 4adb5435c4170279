namespace SimCse.Modeling.Data;

/// <summary>One supervised example: an anchor, its positive and, optionally, its hard negative.</summary>
public sealed record TrainingTriplet(string Anchor, string Positive, string? Negative = null);

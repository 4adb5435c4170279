namespace SimCse.Modeling.Data;

/// <summary>One evaluation pair with its gold similarity score.</summary>
public sealed record StsPair(string Sentence1, string Sentence2, double Score);

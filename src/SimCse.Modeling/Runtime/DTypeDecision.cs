namespace SimCse.Modeling.Runtime;

/// <summary>The dtype a model was loaded with, what was asked for, and why (for logs and <c>/v1/models/{id}</c>).</summary>
/// <param name="Requested">The configured value, e.g. <c>auto</c>.</param>
/// <param name="DType">The dtype used: <c>float32</c>, <c>bfloat16</c> or <c>float16</c>.</param>
/// <param name="Reason">One sentence: the hardware support and, for <c>auto</c>, the start-up check's result.</param>
public sealed record DTypeDecision(string Requested, string DType, string Reason);

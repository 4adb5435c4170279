namespace SimCse.Client;

/// <summary>An uploaded file (OpenAI file object).</summary>
public sealed record SimCseFile(string Id, long Bytes, long CreatedAt, string Filename, string Purpose)
{
    /// <summary>Training data: sentences (unsupervised) or TSV/JSONL pairs and triplets (supervised).</summary>
    public const string FineTunePurpose = "fine-tune";

    /// <summary>STS pairs with gold scores, for validation and <c>/v1/evaluations</c>.</summary>
    public const string EvaluationPurpose = "evaluation";
}

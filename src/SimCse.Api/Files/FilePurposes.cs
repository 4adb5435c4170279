namespace SimCse.Api.Files;

/// <summary>The upload purposes the service understands.</summary>
public static class FilePurposes
{
    public const string FineTune = "fine-tune";

    public const string Evaluation = "evaluation";

    public static bool IsKnown(string? purpose) => purpose is FineTune or Evaluation;
}

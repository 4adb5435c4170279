namespace SimCse.Api.Jobs;

/// <summary>A job could not start (its files or base model); <see cref="Code"/> becomes the job's <c>error.code</c>.</summary>
public sealed class JobStartException : Exception
{
    public JobStartException(string code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    public JobStartException()
    {
        Code = "training_failed";
    }

    public JobStartException(string message)
        : base(message)
    {
        Code = "training_failed";
    }

    public JobStartException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "training_failed";
    }

    public string Code { get; }
}

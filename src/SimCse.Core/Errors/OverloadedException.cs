namespace SimCse.Core.Errors;

/// <summary>
/// Admission refused: not enough free permits for the request's inputs. Raised immediately rather than
/// queueing, so clients back off instead of piling up (TEI's fail-fast 429).
/// </summary>
public sealed class OverloadedException : SimCseException
{
    public OverloadedException(int requestedInputs, int availableInputs, TimeSpan retryAfter)
        : base(
            ErrorKind.Overloaded,
            $"The model is overloaded: {requestedInputs} inputs requested, {availableInputs} admissible now. Retry after {retryAfter.TotalSeconds:0} s.")
    {
        RequestedInputs = requestedInputs;
        AvailableInputs = availableInputs;
        RetryAfter = retryAfter;
    }

    /// <summary>Refusal of work that is not a batch of inputs (e.g. a full command queue).</summary>
    public OverloadedException(string message, TimeSpan retryAfter)
        : base(ErrorKind.Overloaded, message)
    {
        RetryAfter = retryAfter;
    }

    public int RequestedInputs { get; }

    public int AvailableInputs { get; }

    /// <summary>Suggested wait before retrying, whole seconds (the Retry-After header is in seconds).</summary>
    public TimeSpan RetryAfter { get; }
}

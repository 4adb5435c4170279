namespace SimCse.Core.Errors;

/// <summary>The caller's input breaks a rule that does not depend on load or model state (400).</summary>
public sealed class InvalidInputException : SimCseException
{
    public InvalidInputException(string message)
        : base(ErrorKind.BadRequest, message)
    {
    }
}

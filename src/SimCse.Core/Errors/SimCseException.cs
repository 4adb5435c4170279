namespace SimCse.Core.Errors;

/// <summary>
/// Base of every error Core reports to a caller. <see cref="Kind"/> decides the HTTP status; the
/// message is safe to show to clients (it never contains request text).
/// </summary>
public class SimCseException : Exception
{
    public SimCseException(ErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    public ErrorKind Kind { get; }
}

namespace SimCse.Modeling.Data;

/// <summary>A training or evaluation file that does not follow its format; names the first bad line (1-based) so an upload can be refused with it.</summary>
public sealed class DataFileException : FormatException
{
    public DataFileException(int lineNumber, string reason)
        : base($"Line {lineNumber}: {reason}")
    {
        LineNumber = lineNumber;
        Reason = reason;
    }

    public DataFileException()
    {
        Reason = string.Empty;
    }

    public DataFileException(string message) : base(message)
    {
        Reason = message;
    }

    public DataFileException(string message, Exception innerException) : base(message, innerException)
    {
        Reason = message;
    }

    /// <summary>1-based line number of the first bad line; 0 when the problem is the file as a whole (e.g. empty).</summary>
    public int LineNumber { get; }

    public string Reason { get; }
}

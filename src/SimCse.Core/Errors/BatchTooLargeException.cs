namespace SimCse.Core.Errors;

/// <summary>A single request carries more inputs than <c>MaxClientBatchSize</c> allows (413).</summary>
public sealed class BatchTooLargeException : SimCseException
{
    public BatchTooLargeException(int inputs, int maxClientBatchSize)
        : base(ErrorKind.PayloadTooLarge, $"The request has {inputs} inputs; at most {maxClientBatchSize} are allowed per request.")
    {
        Inputs = inputs;
        MaxClientBatchSize = maxClientBatchSize;
    }

    public int Inputs { get; }

    public int MaxClientBatchSize { get; }
}

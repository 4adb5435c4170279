namespace SimCse.Core.Errors;

/// <summary>No model is active yet, or the runtime is stopping; the request never reached a model.</summary>
public sealed class ModelNotReadyException : SimCseException
{
    public ModelNotReadyException(string message)
        : base(ErrorKind.NotReady, message)
    {
    }
}

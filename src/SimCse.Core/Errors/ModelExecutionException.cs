namespace SimCse.Core.Errors;

/// <summary>The model's forward pass failed; every caller in that batch gets this, the runtime keeps serving.</summary>
public sealed class ModelExecutionException : SimCseException
{
    public ModelExecutionException(string modelId, Exception innerException)
        : base(ErrorKind.ModelFailure, $"Model '{modelId}' failed to compute the embeddings.", innerException)
    {
        ModelId = modelId;
    }

    public ModelExecutionException(string modelId, string message)
        : base(ErrorKind.ModelFailure, message)
    {
        ModelId = modelId;
    }

    public string ModelId { get; }
}

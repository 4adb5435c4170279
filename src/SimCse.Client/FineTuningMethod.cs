namespace SimCse.Client;

/// <summary>OpenAI's <c>method</c>: <c>unsupervised</c> (dropout as augmentation) or <c>supervised</c> (pairs, hard negatives).</summary>
public sealed record FineTuningMethod(string Type, FineTuningHyperparameters? Hyperparameters = null)
{
    public static FineTuningMethod Unsupervised(FineTuningHyperparameters? hyperparameters = null) => new("unsupervised", hyperparameters);

    public static FineTuningMethod Supervised(FineTuningHyperparameters? hyperparameters = null) => new("supervised", hyperparameters);
}

namespace SimCse.Api.Jobs;

/// <summary>
/// The activations a BERT encoder keeps for the backward pass of one forward pass, after Korthikanti et al. (2022,
/// "Reducing activation recomputation"): per layer and row about <c>17·s·h + 2.5·a·s²</c> saved elements (s sequence
/// length, h hidden size, a heads), counted as float32. An upper-bound-minded estimate, used to refuse jobs that
/// would take the memory the serving model lives in, not to size the machine.
/// </summary>
public static class ActivationMemoryEstimate
{
    private const double BytesPerElement = 4;

    /// <param name="shape">The base model's sizes.</param>
    /// <param name="rowsPerPass">Sentences in one forward pass: the batch times its views (2 for SimCSE's two dropout
    /// views or anchor/positive, 3 with hard negatives), or <c>mini_batch_size</c> under GradCache.</param>
    /// <param name="sequenceLength"><c>max_seq_length</c>: the padded length of every row.</param>
    public static double Bytes(ModelShape shape, long rowsPerPass, int sequenceLength)
    {
        ArgumentNullException.ThrowIfNull(shape);
        double s = sequenceLength;
        double perRowPerLayer = (17.0 * s * shape.HiddenSize) + (2.5 * shape.AttentionHeads * s * s);
        return perRowPerLayer * shape.Layers * rowsPerPass * BytesPerElement;
    }
}

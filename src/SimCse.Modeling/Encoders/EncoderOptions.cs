namespace SimCse.Modeling.Encoders;

/// <summary>Where and in which precision the encoder runs (config section <c>SimCse:Model</c>).</summary>
public sealed record EncoderOptions
{
    /// <summary><c>auto</c> (CUDA when present, else CPU), <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    public string Device { get; init; } = "auto";

    /// <summary><c>float32</c>, <c>bfloat16</c> or <c>float16</c>. bfloat16 uses AMX on recent Xeon CPUs.</summary>
    public string DType { get; init; } = "float32";

    /// <summary>Most inputs per forward pass; larger batches are split by length (see <see cref="MicroBatchPlanner"/>).</summary>
    public int MaxMicroBatchRows { get; init; } = 32;

    /// <summary>Most padded tokens (rows × longest) per forward pass.</summary>
    public int MaxMicroBatchTokens { get; init; } = 2048;

    /// <summary>Largest share of padding positions a forward pass may carry before the inputs are split further.</summary>
    public double MaxPaddingFraction { get; init; } = 0.2;
}

namespace SimCse.Modeling.Encoders;

/// <summary>Where and in which precision the encoder runs (config section <c>SimCse:Model</c>).</summary>
public sealed record EncoderOptions
{
    /// <summary><c>auto</c> (CUDA when present, else CPU), <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    public string Device { get; init; } = "auto";

    /// <summary><c>float32</c>, <c>bfloat16</c> or <c>float16</c>. bfloat16 uses AMX on recent Xeon CPUs.</summary>
    public string DType { get; init; } = "float32";
}

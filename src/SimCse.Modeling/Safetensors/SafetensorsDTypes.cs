using SimCse.Modeling.Weights;

namespace SimCse.Modeling.Safetensors;

/// <summary>The dtype strings of the safetensors header that <see cref="TensorDType"/> covers, and their sizes.</summary>
internal static class SafetensorsDTypes
{
    public const string Supported = "F32, F16, BF16, I64";

    public static TensorDType? Parse(string name) => name switch
    {
        "F32" => TensorDType.F32,
        "F16" => TensorDType.F16,
        "BF16" => TensorDType.BF16,
        "I64" => TensorDType.I64,
        _ => null,
    };

    public static string Name(TensorDType dtype) => dtype switch
    {
        TensorDType.F32 => "F32",
        TensorDType.F16 => "F16",
        TensorDType.BF16 => "BF16",
        TensorDType.I64 => "I64",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "No safetensors name for this dtype."),
    };

    public static int ElementSize(TensorDType dtype) => dtype switch
    {
        TensorDType.F32 => 4,
        TensorDType.F16 or TensorDType.BF16 => 2,
        TensorDType.I64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown element size."),
    };
}

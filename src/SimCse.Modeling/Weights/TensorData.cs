namespace SimCse.Modeling.Weights;

/// <summary>
/// A named weight as raw little-endian bytes, independent of TorchSharp, so readers and writers of weight
/// formats (safetensors, ONNX) stay testable without loading libtorch.
/// </summary>
public sealed record TensorData(TensorDType DType, long[] Shape, byte[] Bytes)
{
    public long ElementCount => Shape.Aggregate(1L, (product, dimension) => product * dimension);

    public static TensorData FromFloats(long[] shape, ReadOnlySpan<float> values)
    {
        byte[] bytes = new byte[values.Length * sizeof(float)];
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(values).CopyTo(bytes);
        return new TensorData(TensorDType.F32, shape, bytes);
    }

    /// <summary>The values as float32; only valid for <see cref="TensorDType.F32"/>.</summary>
    public ReadOnlySpan<float> AsFloats()
    {
        if (DType != TensorDType.F32)
        {
            throw new InvalidOperationException($"Tensor is {DType}, not F32.");
        }
        return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(Bytes);
    }
}

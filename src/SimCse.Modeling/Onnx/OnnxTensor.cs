using System.Buffers.Binary;

namespace SimCse.Modeling.Onnx;

/// <summary>
/// One TensorProto: an initializer or a Constant node's value. Values stay where the writer put them
/// (<c>raw_data</c> or one of the typed repeated fields) until they are asked for.
/// </summary>
internal sealed record OnnxTensor
{
    public required string Name { get; init; }

    /// <summary>The raw TensorProto.DataType number, kept as-is so errors can name types we don't map.</summary>
    public required int DataType { get; init; }

    public required long[] Dims { get; init; }

    public ReadOnlyMemory<byte> RawData { get; init; }

    public bool HasRawData { get; init; }

    public IReadOnlyList<float> FloatData { get; init; } = [];

    public IReadOnlyList<long> Int64Data { get; init; } = [];

    /// <summary>Holds int32 values and, widened, the bit patterns of float16/bfloat16 values.</summary>
    public IReadOnlyList<long> Int32Data { get; init; } = [];

    public IReadOnlyList<double> DoubleData { get; init; } = [];

    public bool IsExternal { get; init; }

    public long ElementCount => Dims.Aggregate(1L, (product, dimension) => product * dimension);

    public bool IsFloatingPoint => (OnnxDataType)DataType is OnnxDataType.Float or OnnxDataType.Float16
        or OnnxDataType.BFloat16 or OnnxDataType.Double;

    /// <summary>The values widened or narrowed to float32 (doubles are rounded; half types are exact).</summary>
    public float[] ToFloats()
    {
        EnsureInline();
        float[] values = (OnnxDataType)DataType switch
        {
            // The hot path (90 MB of raw float32 weights) is a block copy on little-endian hosts.
            OnnxDataType.Float when HasRawData && BitConverter.IsLittleEndian && RawData.Length % sizeof(float) == 0 =>
                System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(RawData.Span).ToArray(),
            OnnxDataType.Float => HasRawData ? RawValues(4, bytes => BinaryPrimitives.ReadSingleLittleEndian(bytes)) : [.. FloatData],
            OnnxDataType.Float16 => HasRawData
                ? RawValues(2, bytes => (float)BinaryPrimitives.ReadHalfLittleEndian(bytes))
                : [.. Int32Data.Select(bits => (float)BitConverter.UInt16BitsToHalf((ushort)bits))],
            OnnxDataType.BFloat16 => HasRawData
                ? RawValues(2, bytes => BFloat16ToSingle(BinaryPrimitives.ReadUInt16LittleEndian(bytes)))
                : [.. Int32Data.Select(bits => BFloat16ToSingle((ushort)bits))],
            OnnxDataType.Double => HasRawData
                ? RawValues(8, bytes => (float)BinaryPrimitives.ReadDoubleLittleEndian(bytes))
                : [.. DoubleData.Select(value => (float)value)],
            _ => throw new InvalidDataException($"ONNX tensor '{Name}' has data type {DataType}, not a floating-point type."),
        };
        return CheckCount(values);
    }

    public long[] ToInt64s()
    {
        EnsureInline();
        long[] values = (OnnxDataType)DataType switch
        {
            OnnxDataType.Int64 => HasRawData ? RawValues(8, bytes => BinaryPrimitives.ReadInt64LittleEndian(bytes)) : [.. Int64Data],
            OnnxDataType.Int32 => HasRawData ? RawValues(4, bytes => (long)BinaryPrimitives.ReadInt32LittleEndian(bytes)) : [.. Int32Data],
            _ => throw new InvalidDataException($"ONNX tensor '{Name}' has data type {DataType}, not an integer type."),
        };
        return CheckCount(values);
    }

    /// <summary>bfloat16 is the upper half of a float32's bits.</summary>
    private static float BFloat16ToSingle(ushort bits) => BitConverter.Int32BitsToSingle(bits << 16);

    private T[] RawValues<T>(int elementSize, Func<ReadOnlySpan<byte>, T> read)
    {
        ReadOnlySpan<byte> bytes = RawData.Span;
        if (bytes.Length % elementSize != 0)
        {
            throw new InvalidDataException($"ONNX tensor '{Name}' has {bytes.Length} raw bytes, not a multiple of {elementSize}.");
        }
        var values = new T[bytes.Length / elementSize];
        for (int index = 0; index < values.Length; index++)
        {
            values[index] = read(bytes.Slice(index * elementSize, elementSize));
        }
        return values;
    }

    private T[] CheckCount<T>(T[] values)
    {
        if (values.Length != ElementCount)
        {
            throw new InvalidDataException(
                $"ONNX tensor '{Name}' holds {values.Length} values but its shape [{string.Join(", ", Dims)}] needs {ElementCount}.");
        }
        return values;
    }

    private void EnsureInline()
    {
        if (IsExternal)
        {
            throw new InvalidDataException($"ONNX tensor '{Name}' keeps its data in an external file, which this importer does not read.");
        }
    }
}

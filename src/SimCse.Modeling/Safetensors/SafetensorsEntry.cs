using SimCse.Modeling.Weights;

namespace SimCse.Modeling.Safetensors;

/// <summary>One tensor's header entry; offsets are relative to the start of the data section, end exclusive.</summary>
internal sealed record SafetensorsEntry(string Name, TensorDType DType, long[] Shape, long Begin, long End)
{
    public long ByteLength => End - Begin;
}

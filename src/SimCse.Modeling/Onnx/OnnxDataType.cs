namespace SimCse.Modeling.Onnx;

/// <summary>The TensorProto.DataType values this importer understands (numbering from onnx.proto).</summary>
internal enum OnnxDataType
{
    Undefined = 0,
    Float = 1,
    Int32 = 6,
    Int64 = 7,
    Float16 = 10,
    Double = 11,
    BFloat16 = 16,
}

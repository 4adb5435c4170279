namespace SimCse.Modeling.Onnx;

/// <summary>The parts of an AttributeProto the importer reads: integers (Gemm's transA/transB) and tensors (Constant).</summary>
internal sealed record OnnxAttribute(string Name, long? Int, IReadOnlyList<long> Ints, OnnxTensor? Tensor);

namespace SimCse.Modeling.Onnx;

/// <summary>Where one HF weight comes from: a graph constant, whether it is stored transposed, and why we think so.</summary>
internal sealed record OnnxWeightSource(OnnxTensor Tensor, string HfName, bool Transpose, string Evidence);

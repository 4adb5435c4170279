namespace SimCse.Modeling.Onnx;

/// <summary>The GraphProto parts the importer needs; initializers keep file order so errors list them stably.</summary>
internal sealed record OnnxGraph(
    IReadOnlyList<OnnxNode> Nodes,
    IReadOnlyList<OnnxTensor> Initializers,
    IReadOnlyList<string> InputNames,
    IReadOnlyList<string> OutputNames);

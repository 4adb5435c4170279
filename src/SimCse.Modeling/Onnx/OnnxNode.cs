namespace SimCse.Modeling.Onnx;

/// <summary>One NodeProto; an empty input name means an omitted optional input, as in onnx.proto.</summary>
internal sealed record OnnxNode(string Name, string OpType, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs, IReadOnlyList<OnnxAttribute> Attributes)
{
    public OnnxAttribute? FindAttribute(string name) => Attributes.FirstOrDefault(attribute => attribute.Name == name);
}

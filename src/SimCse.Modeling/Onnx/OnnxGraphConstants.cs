namespace SimCse.Modeling.Onnx;

/// <summary>
/// Every constant value in a graph by the name nodes use for it: initializers plus Constant node outputs.
/// Exporters differ on which of the two they use (torch 1.10 hoists shape scalars into initializers, torch 2.x
/// leaves them as Constant nodes), so the importer treats both alike.
/// </summary>
internal sealed class OnnxGraphConstants
{
    private readonly Dictionary<string, OnnxTensor> _byName = new(StringComparer.Ordinal);

    public OnnxGraphConstants(OnnxGraph graph)
    {
        foreach (OnnxTensor initializer in graph.Initializers)
        {
            if (!_byName.TryAdd(initializer.Name, initializer))
            {
                throw new InvalidDataException($"ONNX graph has two initializers named '{initializer.Name}'.");
            }
        }
        foreach (OnnxNode node in graph.Nodes.Where(node => node.OpType == "Constant" && node.Outputs.Count == 1))
        {
            OnnxTensor? value = FromConstantNode(node);
            if (value is not null && !_byName.TryAdd(value.Name, value))
            {
                throw new InvalidDataException($"ONNX graph defines '{value.Name}' both as an initializer and as a Constant node output.");
            }
        }
    }

    /// <summary>All constants, initializers first in file order, then Constant node values.</summary>
    public IEnumerable<OnnxTensor> All => _byName.Values;

    public OnnxTensor? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The values of a constant integer tensor, or null when the name is not one.</summary>
    public long[]? FindInts(string name)
    {
        OnnxTensor? tensor = Find(name);
        return tensor is not null && (OnnxDataType)tensor.DataType is OnnxDataType.Int64 or OnnxDataType.Int32
            ? tensor.ToInt64s()
            : null;
    }

    private static OnnxTensor? FromConstantNode(OnnxNode node)
    {
        string output = node.Outputs[0];
        foreach (OnnxAttribute attribute in node.Attributes)
        {
            switch (attribute.Name)
            {
                case "value" when attribute.Tensor is not null:
                    return attribute.Tensor with { Name = output };
                case "value_int" when attribute.Int is long value:
                    return new OnnxTensor { Name = output, DataType = (int)OnnxDataType.Int64, Dims = [], Int64Data = [value] };
                case "value_ints":
                    return new OnnxTensor { Name = output, DataType = (int)OnnxDataType.Int64, Dims = [attribute.Ints.Count], Int64Data = attribute.Ints };
                default:
                    break;
            }
        }
        // value_float(s), value_string(s) and sparse values carry no weights or shapes we need.
        return null;
    }
}

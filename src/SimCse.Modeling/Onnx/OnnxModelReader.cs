namespace SimCse.Modeling.Onnx;

/// <summary>
/// Reads the graph out of a serialized ModelProto with a hand-written wire-format parser, so the service
/// needs neither Google.Protobuf nor ONNX Runtime to import weights. Field numbers are onnx.proto's.
/// </summary>
internal static class OnnxModelReader
{
    private const int ModelGraph = 7;

    private const int GraphNode = 1;
    private const int GraphInitializer = 5;
    private const int GraphInput = 11;
    private const int GraphOutput = 12;

    private const int NodeInput = 1;
    private const int NodeOutput = 2;
    private const int NodeName = 3;
    private const int NodeOpType = 4;
    private const int NodeAttribute = 5;

    private const int AttributeName = 1;
    private const int AttributeInt = 3;
    private const int AttributeTensor = 5;
    private const int AttributeInts = 8;

    private const int TensorDims = 1;
    private const int TensorDataType = 2;
    private const int TensorFloatData = 4;
    private const int TensorInt32Data = 5;
    private const int TensorInt64Data = 7;
    private const int TensorName = 8;
    private const int TensorRawData = 9;
    private const int TensorDoubleData = 10;
    private const int TensorDataLocation = 14;
    private const int DataLocationExternal = 1;

    private const int ValueInfoName = 1;

    public static OnnxGraph Read(ReadOnlyMemory<byte> model)
    {
        var reader = new ProtoReader(model);
        OnnxGraph? graph = null;
        while (reader.NextField())
        {
            if (reader.FieldNumber == ModelGraph && reader.WireType == ProtoWireType.LengthDelimited)
            {
                graph = ReadGraph(reader.ReadBytes());
            }
            else
            {
                reader.Skip();
            }
        }
        return graph ?? throw new InvalidDataException("Not an ONNX model: no graph (ModelProto field 7) found.");
    }

    private static OnnxGraph ReadGraph(ReadOnlyMemory<byte> message)
    {
        var nodes = new List<OnnxNode>();
        var initializers = new List<OnnxTensor>();
        var inputs = new List<string>();
        var outputs = new List<string>();
        var reader = new ProtoReader(message);
        while (reader.NextField())
        {
            switch (reader.FieldNumber, reader.WireType)
            {
                case (GraphNode, ProtoWireType.LengthDelimited):
                    nodes.Add(ReadNode(reader.ReadBytes()));
                    break;
                case (GraphInitializer, ProtoWireType.LengthDelimited):
                    initializers.Add(ReadTensor(reader.ReadBytes()));
                    break;
                case (GraphInput, ProtoWireType.LengthDelimited):
                    inputs.Add(ReadValueInfoName(reader.ReadBytes()));
                    break;
                case (GraphOutput, ProtoWireType.LengthDelimited):
                    outputs.Add(ReadValueInfoName(reader.ReadBytes()));
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        // Before IR version 4 every initializer was also listed as a graph input; callers feeding the
        // model only care about the inputs they must supply.
        var initializerNames = initializers.Select(tensor => tensor.Name).ToHashSet();
        inputs.RemoveAll(initializerNames.Contains);
        return new OnnxGraph(nodes, initializers, inputs, outputs);
    }

    private static OnnxNode ReadNode(ReadOnlyMemory<byte> message)
    {
        var inputs = new List<string>();
        var outputs = new List<string>();
        var attributes = new List<OnnxAttribute>();
        string name = "";
        string opType = "";
        var reader = new ProtoReader(message);
        while (reader.NextField())
        {
            switch (reader.FieldNumber, reader.WireType)
            {
                case (NodeInput, ProtoWireType.LengthDelimited):
                    inputs.Add(reader.ReadString());
                    break;
                case (NodeOutput, ProtoWireType.LengthDelimited):
                    outputs.Add(reader.ReadString());
                    break;
                case (NodeName, ProtoWireType.LengthDelimited):
                    name = reader.ReadString();
                    break;
                case (NodeOpType, ProtoWireType.LengthDelimited):
                    opType = reader.ReadString();
                    break;
                case (NodeAttribute, ProtoWireType.LengthDelimited):
                    attributes.Add(ReadAttribute(reader.ReadBytes()));
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        return new OnnxNode(name, opType, inputs, outputs, attributes);
    }

    private static OnnxAttribute ReadAttribute(ReadOnlyMemory<byte> message)
    {
        string name = "";
        long? integer = null;
        var integers = new List<long>();
        OnnxTensor? tensor = null;
        var reader = new ProtoReader(message);
        while (reader.NextField())
        {
            switch (reader.FieldNumber, reader.WireType)
            {
                case (AttributeName, ProtoWireType.LengthDelimited):
                    name = reader.ReadString();
                    break;
                case (AttributeInt, ProtoWireType.Varint):
                    integer = reader.ReadInt64();
                    break;
                case (AttributeTensor, ProtoWireType.LengthDelimited):
                    tensor = ReadTensor(reader.ReadBytes());
                    break;
                case (AttributeInts, ProtoWireType.Varint or ProtoWireType.LengthDelimited):
                    reader.ReadInt64s(integers);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        return new OnnxAttribute(name, integer, integers, tensor);
    }

    private static OnnxTensor ReadTensor(ReadOnlyMemory<byte> message)
    {
        var dims = new List<long>();
        var floats = new List<float>();
        var int32s = new List<long>();
        var int64s = new List<long>();
        var doubles = new List<double>();
        int dataType = 0;
        string name = "";
        ReadOnlyMemory<byte> raw = default;
        bool hasRaw = false;
        bool external = false;
        var reader = new ProtoReader(message);
        while (reader.NextField())
        {
            switch (reader.FieldNumber, reader.WireType)
            {
                case (TensorDims, ProtoWireType.Varint or ProtoWireType.LengthDelimited):
                    reader.ReadInt64s(dims);
                    break;
                case (TensorDataType, ProtoWireType.Varint):
                    dataType = reader.ReadInt32();
                    break;
                case (TensorFloatData, ProtoWireType.Fixed32 or ProtoWireType.LengthDelimited):
                    reader.ReadFloats(floats);
                    break;
                case (TensorInt32Data, ProtoWireType.Varint or ProtoWireType.LengthDelimited):
                    int32s.AddRange(ReadInt32s(ref reader));
                    break;
                case (TensorInt64Data, ProtoWireType.Varint or ProtoWireType.LengthDelimited):
                    reader.ReadInt64s(int64s);
                    break;
                case (TensorName, ProtoWireType.LengthDelimited):
                    name = reader.ReadString();
                    break;
                case (TensorRawData, ProtoWireType.LengthDelimited):
                    raw = reader.ReadBytes();
                    hasRaw = true;
                    break;
                case (TensorDoubleData, ProtoWireType.Fixed64 or ProtoWireType.LengthDelimited):
                    doubles.AddRange(ReadDoubles(ref reader));
                    break;
                case (TensorDataLocation, ProtoWireType.Varint):
                    external = reader.ReadInt32() == DataLocationExternal;
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        return new OnnxTensor
        {
            Name = name,
            DataType = dataType,
            Dims = [.. dims],
            RawData = raw,
            HasRawData = hasRaw,
            FloatData = floats,
            Int32Data = int32s,
            Int64Data = int64s,
            DoubleData = doubles,
            IsExternal = external,
        };
    }

    /// <summary>int32 varints are written sign-extended like int64, so the int64 path reads them; narrow after.</summary>
    private static IEnumerable<long> ReadInt32s(ref ProtoReader reader)
    {
        var values = new List<long>();
        reader.ReadInt64s(values);
        return values.Select(value => (long)unchecked((int)value));
    }

    private static List<double> ReadDoubles(ref ProtoReader reader)
    {
        var values = new List<double>();
        if (reader.WireType == ProtoWireType.Fixed64)
        {
            values.Add(BitConverter.Int64BitsToDouble(unchecked((long)reader.ReadFixed64())));
            return values;
        }
        ReadOnlySpan<byte> bytes = reader.ReadBytes().Span;
        if (bytes.Length % 8 != 0)
        {
            throw new InvalidDataException($"Packed double field has {bytes.Length} bytes, not a multiple of 8.");
        }
        for (int offset = 0; offset < bytes.Length; offset += 8)
        {
            values.Add(System.Buffers.Binary.BinaryPrimitives.ReadDoubleLittleEndian(bytes[offset..]));
        }
        return values;
    }

    private static string ReadValueInfoName(ReadOnlyMemory<byte> message)
    {
        var reader = new ProtoReader(message);
        string name = "";
        while (reader.NextField())
        {
            if (reader.FieldNumber == ValueInfoName && reader.WireType == ProtoWireType.LengthDelimited)
            {
                name = reader.ReadString();
            }
            else
            {
                reader.Skip();
            }
        }
        return name;
    }
}

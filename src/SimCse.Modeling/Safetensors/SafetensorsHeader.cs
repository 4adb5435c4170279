using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using SimCse.Modeling.Weights;

namespace SimCse.Modeling.Safetensors;

/// <summary>
/// The JSON header of a safetensors file: parsing with the checks the reference implementation makes (known
/// dtypes, sizes that match shapes, offsets that tile the data section exactly), and deterministic writing.
/// </summary>
internal static class SafetensorsHeader
{
    public const string MetadataKey = "__metadata__";

    /// <summary>The reference implementation's cap; anything larger is a corrupt length prefix, not a real header.</summary>
    public const long MaxHeaderLength = 100_000_000;

    /// <summary>Data starts 8-byte aligned (the prefix is 8 bytes), so headers are padded to a multiple of 8.</summary>
    public const int Alignment = 8;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Tensor names are plain ASCII in practice; relaxed escaping keeps any others readable with head -c.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public static (List<SafetensorsEntry> Entries, Dictionary<string, string> Metadata) Parse(ReadOnlyMemory<byte> json, long dataLength)
    {
        if (json.Length == 0 || json.Span[0] != (byte)'{')
        {
            throw new InvalidDataException("safetensors header does not start with '{'.");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException("safetensors header is not valid JSON: " + exception.Message, exception);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException("safetensors header is not a JSON object.");
            }
            var entries = new List<SafetensorsEntry>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    throw new InvalidDataException($"safetensors header lists '{property.Name}' twice.");
                }
                if (property.Name == MetadataKey)
                {
                    ParseMetadata(property.Value, metadata);
                }
                else
                {
                    entries.Add(ParseEntry(property.Name, property.Value));
                }
            }
            CheckLayout(entries, dataLength);
            return (entries, metadata);
        }
    }

    /// <summary>
    /// The header for these tensors laid out in ordinal name order, with metadata keys sorted too, so the same
    /// input always gives the same bytes. Returns the padded header and each tensor's entry.
    /// </summary>
    public static (byte[] Header, List<SafetensorsEntry> Entries) Build(
        IReadOnlyDictionary<string, TensorData> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        var entries = new List<SafetensorsEntry>();
        long offset = 0;
        foreach ((string name, TensorData tensor) in tensors.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            CheckWritable(name, tensor);
            entries.Add(new SafetensorsEntry(name, tensor.DType, tensor.Shape, offset, offset + tensor.Bytes.Length));
            offset += tensor.Bytes.Length;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                writer.WriteStartObject(MetadataKey);
                foreach ((string key, string value) in metadata.OrderBy(pair => pair.Key, StringComparer.Ordinal))
                {
                    writer.WriteString(key, value);
                }
                writer.WriteEndObject();
            }
            foreach (SafetensorsEntry entry in entries)
            {
                writer.WriteStartObject(entry.Name);
                writer.WriteString("dtype", SafetensorsDTypes.Name(entry.DType));
                writer.WriteStartArray("shape");
                foreach (long dimension in entry.Shape)
                {
                    writer.WriteNumberValue(dimension);
                }
                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(entry.Begin);
                writer.WriteNumberValue(entry.End);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        int padded = (buffer.WrittenCount + Alignment - 1) / Alignment * Alignment;
        byte[] header = new byte[padded];
        buffer.WrittenSpan.CopyTo(header);
        header.AsSpan(buffer.WrittenCount).Fill((byte)' ');
        return (header, entries);
    }

    private static void ParseMetadata(JsonElement value, Dictionary<string, string> metadata)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException("safetensors __metadata__ is not a JSON object.");
        }
        foreach (JsonProperty item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
            {
                throw new InvalidDataException($"safetensors __metadata__ value '{item.Name}' is not a string.");
            }
            if (!metadata.TryAdd(item.Name, item.Value.GetString()!))
            {
                throw new InvalidDataException($"safetensors __metadata__ lists '{item.Name}' twice.");
            }
        }
    }

    private static SafetensorsEntry ParseEntry(string name, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"safetensors entry for tensor '{name}' is not a JSON object.");
        }
        if (!value.TryGetProperty("dtype", out JsonElement dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
        {
            throw new InvalidDataException($"Tensor '{name}' has no string 'dtype'.");
        }
        string dtypeName = dtypeElement.GetString()!;
        TensorDType dtype = SafetensorsDTypes.Parse(dtypeName)
            ?? throw new InvalidDataException($"Tensor '{name}' has dtype '{dtypeName}'; only {SafetensorsDTypes.Supported} are supported.");
        long[] shape = ReadNonNegativeIntegers(name, value, "shape");
        long[] offsets = ReadNonNegativeIntegers(name, value, "data_offsets");
        if (offsets.Length != 2 || offsets[0] > offsets[1])
        {
            throw new InvalidDataException($"Tensor '{name}' has data_offsets [{string.Join(", ", offsets)}]; expected [begin, end] with begin <= end.");
        }
        var entry = new SafetensorsEntry(name, dtype, shape, offsets[0], offsets[1]);
        long expectedBytes = ExpectedByteLength(name, dtype, shape);
        if (entry.ByteLength != expectedBytes)
        {
            throw new InvalidDataException(
                $"Tensor '{name}' ({dtypeName} [{string.Join(", ", shape)}]) needs {expectedBytes} bytes but its data_offsets span {entry.ByteLength}.");
        }
        return entry;
    }

    private static long[] ReadNonNegativeIntegers(string name, JsonElement entry, string key)
    {
        if (!entry.TryGetProperty(key, out JsonElement array) || array.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"Tensor '{name}' has no '{key}' array.");
        }
        var values = new List<long>();
        foreach (JsonElement item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out long value) || value < 0)
            {
                throw new InvalidDataException($"Tensor '{name}' has a '{key}' entry that is not a non-negative integer: {item.GetRawText()}.");
            }
            values.Add(value);
        }
        return [.. values];
    }

    private static long ExpectedByteLength(string name, TensorDType dtype, long[] shape)
    {
        try
        {
            return checked(shape.Aggregate(1L, (product, dimension) => product * dimension) * SafetensorsDTypes.ElementSize(dtype));
        }
        catch (OverflowException exception)
        {
            throw new InvalidDataException($"Tensor '{name}' has a shape whose size overflows.", exception);
        }
    }

    /// <summary>The data section must be tiled exactly: in offset order each tensor starts where the previous ended, the last ends at the file's end.</summary>
    private static void CheckLayout(List<SafetensorsEntry> entries, long dataLength)
    {
        foreach (SafetensorsEntry entry in entries.Where(entry => entry.End > dataLength))
        {
            throw new InvalidDataException($"Tensor '{entry.Name}' has data_offsets [{entry.Begin}, {entry.End}] past the end of the {dataLength}-byte data section.");
        }
        long expected = 0;
        string previous = "the start of the data section";
        foreach (SafetensorsEntry entry in entries.OrderBy(entry => entry.Begin).ThenBy(entry => entry.End))
        {
            if (entry.Begin != expected)
            {
                string problem = entry.Begin < expected ? "overlaps" : "leaves a gap after";
                throw new InvalidDataException($"Tensor '{entry.Name}' at [{entry.Begin}, {entry.End}] {problem} {previous}; expected it to begin at {expected}.");
            }
            expected = entry.End;
            previous = $"tensor '{entry.Name}'";
        }
        if (expected != dataLength)
        {
            throw new InvalidDataException($"safetensors data section is {dataLength} bytes but its tensors cover {expected}; trailing bytes belong to no tensor.");
        }
    }

    private static void CheckWritable(string name, TensorData tensor)
    {
        if (string.IsNullOrEmpty(name) || name == MetadataKey)
        {
            throw new ArgumentException($"'{name}' cannot name a tensor in a safetensors file.", nameof(name));
        }
        if (tensor.Shape.Any(dimension => dimension < 0))
        {
            throw new ArgumentException($"Tensor '{name}' has a negative dimension.", nameof(tensor));
        }
        long expected = tensor.ElementCount * SafetensorsDTypes.ElementSize(tensor.DType);
        if (tensor.Bytes.Length != expected)
        {
            throw new ArgumentException($"Tensor '{name}' ({tensor.DType} [{string.Join(", ", tensor.Shape)}]) has {tensor.Bytes.Length} bytes, expected {expected}.", nameof(tensor));
        }
    }
}

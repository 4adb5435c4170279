using System.Buffers.Binary;
using System.Text;
using SimCse.Modeling.Safetensors;
using SimCse.Modeling.Weights;

namespace SimCse.Modeling.Tests.Safetensors;

public sealed class SafetensorsFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("safetensors-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void RoundTripIsBitExactForEveryDTypeAndOddShapes()
    {
        var tensors = SampleTensors();
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["note"] = "ünïcode \"quoted\"" };
        string path = Path.Combine(_directory, "model.safetensors");

        SafetensorsFile.Write(path, tensors, metadata);
        var (read, readMetadata) = SafetensorsFile.Read(path);

        Assert.Equal(tensors.Keys.Order(StringComparer.Ordinal), read.Keys.Order(StringComparer.Ordinal));
        foreach ((string name, TensorData expected) in tensors)
        {
            Assert.Equal(expected.DType, read[name].DType);
            Assert.Equal(expected.Shape, read[name].Shape);
            Assert.Equal(expected.Bytes, read[name].Bytes);
        }
        Assert.Equal(metadata, readMetadata);
    }

    [Fact]
    public void HeaderIsSpacePaddedToEightBytesAndTensorsAreContiguousInNameOrder()
    {
        byte[] file = WriteToBytes(SampleTensors());

        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(file);
        Assert.Equal(0UL, headerLength % 8);
        string header = Encoding.UTF8.GetString(file, 8, (int)headerLength);
        Assert.EndsWith("}", header.TrimEnd(' '), StringComparison.Ordinal);
        Assert.True(header.Length - header.TrimEnd(' ').Length < 8);

        using var document = System.Text.Json.JsonDocument.Parse(header);
        long expectedBegin = 0;
        string? previousName = null;
        foreach (var property in document.RootElement.EnumerateObject())
        {
            long[] offsets = [.. property.Value.GetProperty("data_offsets").EnumerateArray().Select(item => item.GetInt64())];
            Assert.Equal(expectedBegin, offsets[0]);
            Assert.True(previousName is null || string.CompareOrdinal(previousName, property.Name) < 0);
            expectedBegin = offsets[1];
            previousName = property.Name;
        }
        Assert.Equal(file.Length - 8 - (long)headerLength, expectedBegin);
    }

    [Fact]
    public void WritingIsDeterministicWhateverTheInsertionOrder()
    {
        var tensors = SampleTensors();
        var reversed = tensors.Reverse().ToDictionary(pair => pair.Key, pair => pair.Value);
        var metadata = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" };
        var metadataReversed = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" };

        Assert.Equal(WriteToBytes(tensors, metadata), WriteToBytes(reversed, metadataReversed));
        Assert.Equal(WriteToBytes(tensors, metadata), WriteToBytes(tensors, metadata));
    }

    [Fact]
    public void WriterProducesTheExpectedHeaderText()
    {
        var tensors = new Dictionary<string, TensorData>
        {
            ["b"] = new(TensorDType.I64, [], BitConverter.GetBytes(7L)),
            ["a"] = TensorData.FromFloats([2], [1f, 2f]),
        };

        byte[] file = WriteToBytes(tensors, new Dictionary<string, string> { ["format"] = "pt" });

        const string Json = """{"__metadata__":{"format":"pt"},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"I64","shape":[],"data_offsets":[8,16]}}""";
        string padded = Json.PadRight((Json.Length + 7) / 8 * 8);
        Assert.Equal((ulong)padded.Length, BinaryPrimitives.ReadUInt64LittleEndian(file));
        Assert.Equal(padded, Encoding.UTF8.GetString(file, 8, padded.Length));
        Assert.Equal(8 + padded.Length + 16, file.Length);
    }

    [Fact]
    public void ReadsAHandMadeFile()
    {
        // As Python's safetensors writes it: unpadded JSON is legal too, and __metadata__ may come anywhere.
        byte[] data = [.. BitConverter.GetBytes(1.5f), .. BitConverter.GetBytes(-2f), .. BitConverter.GetBytes(42L), 0x00, 0x3C];
        byte[] file = BuildFile(
            """{"weight":{"dtype":"F32","shape":[1,2],"data_offsets":[0,8]},"ids":{"dtype":"I64","shape":[1],"data_offsets":[8,16]},"half":{"dtype":"F16","shape":[],"data_offsets":[16,18]},"__metadata__":{"format":"pt"}}""",
            data,
            pad: false);

        var (tensors, metadata) = SafetensorsFile.Read(new MemoryStream(file));

        Assert.Equal([1L, 2L], tensors["weight"].Shape);
        Assert.Equal([1.5f, -2f], tensors["weight"].AsFloats().ToArray());
        Assert.Equal(TensorDType.I64, tensors["ids"].DType);
        Assert.Equal(42L, BitConverter.ToInt64(tensors["ids"].Bytes));
        Assert.Equal((Half)1, BitConverter.ToHalf(tensors["half"].Bytes));
        Assert.Empty(tensors["half"].Shape);
        Assert.Equal("pt", metadata["format"]);
    }

    [Fact]
    public void ReadsFromANonSeekableStream()
    {
        byte[] file = WriteToBytes(SampleTensors());

        var (tensors, _) = SafetensorsFile.Read(new NonSeekableStream(file));

        Assert.Equal(SampleTensors().Count, tensors.Count);
    }

    [Fact]
    public void AtomicWriteReplacesTheFileAndLeavesNoTemporaryBehind()
    {
        string path = Path.Combine(_directory, "model.safetensors");
        File.WriteAllText(path, "old contents");

        SafetensorsFile.Write(path, SampleTensors());

        Assert.Equal([path], Directory.GetFiles(_directory));
        Assert.Equal(SampleTensors().Count, SafetensorsFile.Read(path).Tensors.Count);
    }

    [Fact]
    public void WriteRejectsBytesThatDoNotMatchTheShape()
    {
        var tensors = new Dictionary<string, TensorData> { ["bad"] = new(TensorDType.F32, [3], new byte[8]) };
        string path = Path.Combine(_directory, "model.safetensors");

        var error = Assert.Throws<ArgumentException>(() => SafetensorsFile.Write(path, tensors));

        Assert.Contains("'bad'", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Theory]
    [InlineData("""{"t":{"dtype":"F32","shape":[2],"data_offsets":[0,8]""", "not valid JSON")]
    [InlineData("""["t"]""", "does not start with '{'")]
    [InlineData("""{"t":{"dtype":"F32","shape":[2],"data_offsets":[0,16]}}""", "'t'")]
    [InlineData("""{"t":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}""", "needs 12 bytes")]
    [InlineData("""{"t":{"dtype":"I32","shape":[2],"data_offsets":[0,8]}}""", "Tensor 't' has dtype 'I32'")]
    [InlineData("""{"t":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}""", "non-negative integer")]
    [InlineData("""{"t":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}""", "begin <= end")]
    [InlineData("""{"t":{"dtype":"F32","shape":[2]}}""", "no 'data_offsets'")]
    [InlineData("""{"t":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"u":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", "overlaps")]
    [InlineData("""{"t":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", "gap")]
    [InlineData("""{"t":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", "trailing bytes")]
    [InlineData("""{"t":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"t":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", "twice")]
    [InlineData("""{"__metadata__":{"n":1},"t":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", "not a string")]
    public void CorruptHeadersAreRejectedWithAClearError(string header, string expectedMessage)
    {
        byte[] file = BuildFile(header, new byte[8]);

        var error = Assert.Throws<InvalidDataException>(() => SafetensorsFile.Read(new MemoryStream(file)));

        Assert.Contains(expectedMessage, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImpossibleHeaderLengthIsRejected()
    {
        byte[] file = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(file, 1_000);

        var error = Assert.Throws<InvalidDataException>(() => SafetensorsFile.Read(new MemoryStream(file)));

        Assert.Contains("header length 1000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedFileIsRejected()
    {
        Assert.Throws<InvalidDataException>(() => SafetensorsFile.Read(new MemoryStream(new byte[5])));
    }

    private static Dictionary<string, TensorData> SampleTensors()
    {
        float[] floats = [1f, -0f, float.NaN, float.Epsilon, float.MaxValue, -3.25f];
        byte[] nanWithPayload = BitConverter.GetBytes(0x7FC0_1234);
        byte[] f32 = new byte[floats.Length * 4];
        Buffer.BlockCopy(floats, 0, f32, 0, f32.Length);
        nanWithPayload.CopyTo(f32, 8);
        return new Dictionary<string, TensorData>
        {
            ["encoder.layer.0.attention.self.query.weight"] = new(TensorDType.F32, [2, 3], f32),
            ["embeddings.position_ids"] = new(TensorDType.I64, [1, 3], [.. BitConverter.GetBytes(0L), .. BitConverter.GetBytes(-1L), .. BitConverter.GetBytes(long.MaxValue)]),
            ["half"] = new(TensorDType.F16, [3], [0x00, 0x3C, 0xFF, 0x7B, 0x01, 0x80]),
            ["bfloat"] = new(TensorDType.BF16, [1, 1, 2], [0x80, 0x3F, 0xC0, 0x7F]),
            ["scalar"] = TensorData.FromFloats([], [0.05f]),
            ["empty"] = new(TensorDType.F32, [0, 3], []),
        };
    }

    private static byte[] WriteToBytes(IReadOnlyDictionary<string, TensorData> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        using var stream = new MemoryStream();
        SafetensorsFile.Write(stream, tensors, metadata);
        return stream.ToArray();
    }

    private static byte[] BuildFile(string header, byte[] data, bool pad = true)
    {
        byte[] json = Encoding.UTF8.GetBytes(pad ? header.PadRight((header.Length + 7) / 8 * 8) : header);
        byte[] file = new byte[8 + json.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)json.Length);
        json.CopyTo(file, 8);
        data.CopyTo(file, 8 + json.Length);
        return file;
    }

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }
    }
}

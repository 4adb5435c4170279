namespace SimCse.Modeling.Onnx;

/// <summary>
/// A forward-only reader of the protobuf wire format over one message's bytes. Length-delimited fields come
/// back as slices of the original buffer, so a 90 MB model is never copied just to be parsed.
/// </summary>
internal struct ProtoReader(ReadOnlyMemory<byte> message)
{
    private readonly ReadOnlyMemory<byte> _message = message;
    private int _position;

    public int FieldNumber { get; private set; }

    public ProtoWireType WireType { get; private set; }

    /// <summary>Advances to the next field's key; false at the end of the message.</summary>
    public bool NextField()
    {
        if (_position >= _message.Length)
        {
            return false;
        }
        ulong key = ReadVarint();
        FieldNumber = checked((int)(key >> 3));
        WireType = (ProtoWireType)(key & 7);
        if (FieldNumber == 0)
        {
            throw Corrupt("field number 0");
        }
        return true;
    }

    public ulong ReadVarint()
    {
        ReadOnlySpan<byte> span = _message.Span;
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (_position >= span.Length)
            {
                throw Corrupt("truncated varint");
            }
            byte current = span[_position++];
            value |= (ulong)(current & 0x7F) << shift;
            if (current < 0x80)
            {
                return value;
            }
        }
        throw Corrupt("varint longer than 10 bytes");
    }

    /// <summary>An int64 field: negative values are sign-extended to ten varint bytes, so the cast is exact.</summary>
    public long ReadInt64() => unchecked((long)ReadVarint());

    public int ReadInt32() => unchecked((int)ReadVarint());

    public ReadOnlyMemory<byte> ReadBytes()
    {
        ulong length = ReadVarint();
        if (length > (ulong)(_message.Length - _position))
        {
            throw Corrupt($"length {length} of field {FieldNumber} runs past the end of its message");
        }
        ReadOnlyMemory<byte> slice = _message.Slice(_position, (int)length);
        _position += (int)length;
        return slice;
    }

    public string ReadString() => System.Text.Encoding.UTF8.GetString(ReadBytes().Span);

    public ulong ReadFixed64() => System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public float ReadFixed32Float()
    {
        ReadOnlySpan<byte> bytes = Take(4);
        return System.Buffers.Binary.BinaryPrimitives.ReadSingleLittleEndian(bytes);
    }

    /// <summary>
    /// Reads a repeated int64 field, which writers may emit packed (one length-delimited run) or unpacked
    /// (one varint per key); the parser must accept both.
    /// </summary>
    public void ReadInt64s(List<long> destination)
    {
        if (WireType == ProtoWireType.Varint)
        {
            destination.Add(ReadInt64());
            return;
        }
        if (WireType != ProtoWireType.LengthDelimited)
        {
            throw Corrupt($"repeated int64 field {FieldNumber} has wire type {WireType}");
        }
        var packed = new ProtoReader(ReadBytes());
        while (packed._position < packed._message.Length)
        {
            destination.Add(packed.ReadInt64());
        }
    }

    /// <summary>Repeated float, packed (the default since proto3) or one fixed32 per key.</summary>
    public void ReadFloats(List<float> destination)
    {
        if (WireType == ProtoWireType.Fixed32)
        {
            destination.Add(ReadFixed32Float());
            return;
        }
        if (WireType != ProtoWireType.LengthDelimited)
        {
            throw Corrupt($"repeated float field {FieldNumber} has wire type {WireType}");
        }
        ReadOnlySpan<byte> bytes = ReadBytes().Span;
        if (bytes.Length % 4 != 0)
        {
            throw Corrupt($"packed float field {FieldNumber} has {bytes.Length} bytes, not a multiple of 4");
        }
        for (int offset = 0; offset < bytes.Length; offset += 4)
        {
            destination.Add(System.Buffers.Binary.BinaryPrimitives.ReadSingleLittleEndian(bytes[offset..]));
        }
    }

    /// <summary>Skips the current field's value, whatever it is, so unknown and unneeded fields cost nothing.</summary>
    public void Skip()
    {
        switch (WireType)
        {
            case ProtoWireType.Varint:
                ReadVarint();
                break;
            case ProtoWireType.Fixed64:
                Take(8);
                break;
            case ProtoWireType.LengthDelimited:
                ReadBytes();
                break;
            case ProtoWireType.Fixed32:
                Take(4);
                break;
            default:
                throw Corrupt($"unsupported wire type {(int)WireType} on field {FieldNumber}");
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (_message.Length - _position < count)
        {
            throw Corrupt($"truncated fixed-size field {FieldNumber}");
        }
        ReadOnlySpan<byte> bytes = _message.Span.Slice(_position, count);
        _position += count;
        return bytes;
    }

    private readonly InvalidDataException Corrupt(string what) =>
        new($"Malformed protobuf at byte {_position}: {what}.");
}

using System.Buffers.Binary;
using SimCse.Modeling.Weights;

namespace SimCse.Modeling.Safetensors;

/// <summary>
/// Reads and writes the Hugging Face safetensors format: an 8-byte little-endian header length, a JSON header
/// (dtype, shape, data_offsets per tensor, optional <c>__metadata__</c>), then the tensors' bytes back to back.
/// Reading is strict; writing is deterministic and atomic, so a checkpoint folder never holds half a file.
/// </summary>
public static class SafetensorsFile
{
    private const int LengthPrefixSize = 8;

    public static SafetensorsContent Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        return Read(stream);
    }

    /// <summary>Reads from the stream's current position to its end; a non-seekable stream is buffered first.</summary>
    public static SafetensorsContent Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            using var buffered = new MemoryStream();
            stream.CopyTo(buffered);
            buffered.Position = 0;
            return Read(buffered);
        }
        try
        {
            return ReadSeekable(stream);
        }
        catch (EndOfStreamException exception)
        {
            throw new InvalidDataException("safetensors file is truncated.", exception);
        }
    }

    /// <summary>
    /// Writes to a temporary file beside <paramref name="path"/>, flushes it to disk, then renames it over the
    /// target, so readers see either the old file or the complete new one.
    /// </summary>
    public static void Write(string path, IReadOnlyDictionary<string, TensorData> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath)!;
        string temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                Write(stream, tensors, metadata);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Writes the file's bytes: tensors in ordinal name order, header padded with spaces to a multiple of 8.</summary>
    public static void Write(Stream stream, IReadOnlyDictionary<string, TensorData> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(tensors);
        (byte[] header, List<SafetensorsEntry> entries) = SafetensorsHeader.Build(tensors, metadata);
        Span<byte> prefix = stackalloc byte[LengthPrefixSize];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
        stream.Write(prefix);
        stream.Write(header);
        foreach (SafetensorsEntry entry in entries)
        {
            stream.Write(tensors[entry.Name].Bytes);
        }
    }

    private static SafetensorsContent ReadSeekable(Stream stream)
    {
        Span<byte> prefix = stackalloc byte[LengthPrefixSize];
        stream.ReadExactly(prefix);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        long remaining = stream.Length - stream.Position;
        if (headerLength > SafetensorsHeader.MaxHeaderLength || headerLength > (ulong)remaining)
        {
            throw new InvalidDataException(
                $"safetensors header length {headerLength} is impossible for a file with {remaining} bytes after the length prefix.");
        }
        byte[] header = new byte[headerLength];
        stream.ReadExactly(header);
        long dataLength = remaining - (long)headerLength;
        (List<SafetensorsEntry> entries, Dictionary<string, string> metadata) = SafetensorsHeader.Parse(header, dataLength);

        // The layout check guarantees the entries tile the data section, so reading them in offset order is sequential.
        var tensors = new Dictionary<string, TensorData>(StringComparer.Ordinal);
        foreach (SafetensorsEntry entry in entries.OrderBy(entry => entry.Begin).ThenBy(entry => entry.End))
        {
            if (entry.ByteLength > Array.MaxLength)
            {
                throw new InvalidDataException($"Tensor '{entry.Name}' is {entry.ByteLength} bytes, more than one array can hold.");
            }
            byte[] bytes = new byte[entry.ByteLength];
            stream.ReadExactly(bytes);
            tensors.Add(entry.Name, new TensorData(entry.DType, entry.Shape, bytes));
        }
        return new SafetensorsContent(tensors, metadata);
    }
}

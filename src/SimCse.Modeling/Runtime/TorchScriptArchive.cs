using System.IO.Compression;
using System.Text;
using static TorchSharp.torch;

namespace SimCse.Modeling.Runtime;

/// <summary>
/// Loads TorchScript source as a module, the way <c>torch.jit.load</c> reads a saved one, so that the code may
/// call operators outside <c>aten</c> (<c>ops.mkldnn._linear_pointwise</c>, the pre-packed oneDNN kernels
/// Inductor uses on CPU).
/// </summary>
/// <remarks>
/// <c>torch.jit.compile</c> resolves only <c>torch.*</c> (= <c>aten::*</c>); the importer behind
/// <c>torch.jit.load</c> also resolves <c>ops.&lt;namespace&gt;.&lt;op&gt;</c>. So the source is written as the
/// serialized code of a module class and wrapped in a minimal archive (code, a pickled instance holding only
/// <c>training</c>, empty constants, format version), built in memory.
/// </remarks>
public static class TorchScriptArchive
{
    private const string ArchiveRoot = "archive/";

    // File format 3 predates every operator upgrader, and this code uses none of the upgraded operators.
    private const string FormatVersion = "3\n";

    /// <param name="className">The class defined in <paramref name="source"/> (under <c>__torch__</c>).</param>
    /// <param name="source">A TorchScript class deriving from <c>Module</c>, in the serialized-code dialect.</param>
    public static jit.ScriptModule Load(string className, string source) =>
        jit.load(Build(className, source), CPU);

    internal static byte[] Build(string className, string source)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "data.pkl", PickledInstance(className));
            Add(zip, "code/__torch__.py", Encoding.UTF8.GetBytes(source));
            Add(zip, "constants.pkl", [PickleProtocol, 2, (byte)')', (byte)'.']);
            Add(zip, "version", Encoding.ASCII.GetBytes(FormatVersion));
        }
        return buffer.ToArray();
    }

    private const byte PickleProtocol = 0x80;

    private static void Add(ZipArchive zip, string name, byte[] bytes)
    {
        ZipArchiveEntry entry = zip.CreateEntry(ArchiveRoot + name, CompressionLevel.NoCompression);
        using Stream stream = entry.Open();
        stream.Write(bytes);
    }

    /// <summary>Pickle protocol 2 of <c>__torch__.{className}()</c> with state <c>{"training": False}</c>.</summary>
    private static byte[] PickledInstance(string className)
    {
        var bytes = new List<byte> { PickleProtocol, 2 };
        bytes.AddRange(Encoding.ASCII.GetBytes($"c__torch__\n{className}\n")); // GLOBAL
        bytes.Add((byte)')'); // EMPTY_TUPLE
        bytes.Add(0x81); // NEWOBJ
        bytes.Add((byte)'}'); // EMPTY_DICT
        bytes.Add((byte)'('); // MARK
        byte[] key = Encoding.UTF8.GetBytes("training");
        bytes.Add((byte)'X'); // BINUNICODE
        bytes.AddRange(BitConverter.GetBytes(key.Length));
        bytes.AddRange(key);
        bytes.Add(0x89); // NEWFALSE
        bytes.Add((byte)'u'); // SETITEMS
        bytes.Add((byte)'b'); // BUILD
        bytes.Add((byte)'.'); // STOP
        return [.. bytes];
    }
}

using System.Runtime.InteropServices;

namespace SimCse.Modeling.Training;

/// <summary>
/// fsync of a directory: a rename is durable only once the directory entry itself reaches the disk.
/// Without it, a power loss right after "checkpoint saved" can leave the old name (or no entry at all),
/// although every file inside was flushed. .NET cannot open a directory for fsync, hence libc; on
/// non-POSIX systems (where renames are journalled by the file system) it does nothing.
/// </summary>
internal static partial class DirectorySync
{
    private const int ReadOnlyDirectoryFlags = 0x10000; // O_RDONLY | O_DIRECTORY (Linux)

    public static void Flush(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        int descriptor = Open(directory, ReadOnlyDirectoryFlags);
        if (descriptor < 0)
        {
            throw new IOException($"Cannot open '{directory}' to flush it (errno {Marshal.GetLastPInvokeError()}).");
        }
        try
        {
            if (Fsync(descriptor) != 0)
            {
                throw new IOException($"fsync of '{directory}' failed (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int descriptor);
}

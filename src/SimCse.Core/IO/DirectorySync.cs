using System.Runtime.InteropServices;

namespace SimCse.Core.IO;

/// <summary>
/// fsync of a directory, so a rename that published a file or folder in it survives a power loss: POSIX makes the
/// new directory entry durable only once the directory itself is synced, although every file inside was flushed.
/// .NET has no API for it (it refuses to open directories), hence libc. A no-op off Linux, where the file systems
/// journal renames, and for a directory that no longer exists (nothing in it left to make durable).
/// </summary>
public static partial class DirectorySync
{
    // O_RDONLY opens a directory on Linux; O_DIRECTORY's value differs between x64 and arm64, so it is left out.
    private const int ReadOnly = 0;

    /// <summary>Flushes <paramref name="directory"/>'s entries to disk; an error is thrown as <see cref="IOException"/>.</summary>
    public static void Flush(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!OperatingSystem.IsLinux() || !Directory.Exists(directory))
        {
            return;
        }
        int descriptor = Open(directory, ReadOnly);
        if (descriptor < 0)
        {
            throw new IOException($"Cannot open directory '{directory}' to sync it (errno {Marshal.GetLastPInvokeError()}).");
        }
        try
        {
            if (Fsync(descriptor) != 0)
            {
                throw new IOException($"fsync of directory '{directory}' failed (errno {Marshal.GetLastPInvokeError()}).");
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

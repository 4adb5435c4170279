using System.Runtime.InteropServices;

namespace SimCse.Api.Files;

/// <summary>
/// fsync of a directory, so a rename that publishes a file survives a power loss: POSIX makes the new directory
/// entry durable only once the directory itself is synced (.NET has no API for it; it refuses to open directories).
/// A no-op on Windows, where NTFS journals the rename.
/// </summary>
public static partial class DirectorySync
{
    // O_RDONLY opens a directory on Linux; O_DIRECTORY's value differs between x64 and arm64, so it is left out.
    private const int ReadOnly = 0;

    /// <summary>Flushes <paramref name="directory"/>'s entries to disk; an error is thrown as <see cref="IOException"/>.</summary>
    public static void Flush(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        int descriptor = Open(directory, ReadOnly);
        if (descriptor < 0)
        {
            throw new IOException($"Could not open the directory to sync it (errno {Marshal.GetLastPInvokeError()}).");
        }
        try
        {
            if (Fsync(descriptor) != 0)
            {
                throw new IOException($"fsync of the directory failed (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Fsync(int descriptor);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Close(int descriptor);
}

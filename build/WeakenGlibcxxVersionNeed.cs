// Why this exists: TorchSharp 0.107's libLibTorchSharp.so was linked against a libstdc++ that has
// GLIBCXX_3.4.32 and records that version as a hard requirement. The only symbol it needs from that
// version is std::ios_base_library_init, a linker anchor that the library never calls. Debian 12's
// libstdc++ stops at GLIBCXX_3.4.30, so the dynamic loader refuses the library and TorchSharp cannot
// load at all. Marking that one version need as weak (VER_FLG_WEAK in its .gnu.version_r entry) makes
// the loader accept the library when the version is absent; everything TorchSharp calls resolves
// against versions Debian 12 has. The patch is applied only to the copy in the build output, and only
// when the host's libstdc++ lacks the version (Ubuntu 24.04, the .NET 10 container base, has it).
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class WeakenGlibcxxVersionNeed : Task
{
    private const ushort VerFlagWeak = 0x2;
    private const uint SectionTypeGnuVerneed = 0x6ffffffe;

    [Required]
    public ITaskItem[] Libraries { get; set; } = Array.Empty<ITaskItem>();

    [Required]
    public string VersionName { get; set; } = "";

    public string HostLibStdCxx { get; set; } = "";

    public override bool Execute()
    {
        string host = ResolveHostLibStdCxx();
        if (host.Length == 0)
        {
            Log.LogMessage(MessageImportance.Low, "No host libstdc++ found; nothing to patch.");
            return true;
        }
        if (ContainsAscii(File.ReadAllBytes(host), VersionName))
        {
            Log.LogMessage(MessageImportance.Low, $"{host} provides {VersionName}; no patch needed.");
            return true;
        }
        foreach (ITaskItem item in Libraries)
        {
            string path = item.ItemSpec;
            if (!File.Exists(path))
            {
                continue;
            }
            // Read into memory and write a fresh file: the output copy may be a hard link into the
            // NuGet cache, which must stay untouched.
            byte[] image = File.ReadAllBytes(path);
            int patched = MarkVersionNeedWeak(image, VersionName);
            if (patched < 0)
            {
                Log.LogError($"{path}: not a 64-bit little-endian ELF file with a .gnu.version_r section.");
                return false;
            }
            if (patched == 0)
            {
                continue;
            }
            string temp = path + ".patching";
            File.WriteAllBytes(temp, image);
            File.Delete(path);
            File.Move(temp, path);
            Log.LogMessage(MessageImportance.High, $"Marked {VersionName} weak in {path} (host libstdc++ lacks it).");
        }
        return true;
    }

    private string ResolveHostLibStdCxx()
    {
        if (HostLibStdCxx.Length > 0 && File.Exists(HostLibStdCxx))
        {
            return HostLibStdCxx;
        }
        foreach (string candidate in new[]
        {
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6",
            "/usr/lib/libstdc++.so.6",
        })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return "";
    }

    private static bool ContainsAscii(byte[] haystack, string needle)
    {
        // The task factory compiles against netstandard2.0, which has no span search: a plain scan is fine
        // for a few megabytes read once per build.
        byte[] pattern = Encoding.ASCII.GetBytes(needle + "\0");
        for (int start = 0; start <= haystack.Length - pattern.Length; start++)
        {
            int matched = 0;
            while (matched < pattern.Length && haystack[start + matched] == pattern[matched])
            {
                matched++;
            }
            if (matched == pattern.Length)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Returns how many entries were changed (0 if already weak or absent), or -1 if the file is not a usable ELF64.</summary>
    private static int MarkVersionNeedWeak(byte[] elf, string versionName)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F' || elf[4] != 2 || elf[5] != 1)
        {
            return -1;
        }
        long sectionHeaders = (long)BitConverter.ToUInt64(elf, 0x28);
        int sectionHeaderSize = BitConverter.ToUInt16(elf, 0x3A);
        int sectionCount = BitConverter.ToUInt16(elf, 0x3C);
        for (int i = 0; i < sectionCount; i++)
        {
            long header = sectionHeaders + (long)i * sectionHeaderSize;
            if (BitConverter.ToUInt32(elf, (int)header + 4) != SectionTypeGnuVerneed)
            {
                continue;
            }
            long offset = (long)BitConverter.ToUInt64(elf, (int)header + 0x18);
            int linkedStrings = (int)BitConverter.ToUInt32(elf, (int)header + 0x28);
            long stringsHeader = sectionHeaders + (long)linkedStrings * sectionHeaderSize;
            long strings = (long)BitConverter.ToUInt64(elf, (int)stringsHeader + 0x18);
            return PatchVerneedChain(elf, offset, strings, versionName);
        }
        return -1;
    }

    private static int PatchVerneedChain(byte[] elf, long verneed, long strings, string versionName)
    {
        int changed = 0;
        while (true)
        {
            int auxCount = BitConverter.ToUInt16(elf, (int)verneed + 2);
            long aux = verneed + BitConverter.ToUInt32(elf, (int)verneed + 8);
            for (int a = 0; a < auxCount; a++)
            {
                uint nameOffset = BitConverter.ToUInt32(elf, (int)aux + 8);
                if (ReadCString(elf, strings + nameOffset) == versionName)
                {
                    ushort flags = BitConverter.ToUInt16(elf, (int)aux + 4);
                    if ((flags & VerFlagWeak) == 0)
                    {
                        BitConverter.GetBytes((ushort)(flags | VerFlagWeak)).CopyTo(elf, (int)aux + 4);
                        changed++;
                    }
                }
                uint nextAux = BitConverter.ToUInt32(elf, (int)aux + 12);
                if (nextAux == 0)
                {
                    break;
                }
                aux += nextAux;
            }
            uint next = BitConverter.ToUInt32(elf, (int)verneed + 12);
            if (next == 0)
            {
                return changed;
            }
            verneed += next;
        }
    }

    private static string ReadCString(byte[] data, long start)
    {
        int end = Array.IndexOf(data, (byte)0, (int)start);
        return Encoding.ASCII.GetString(data, (int)start, end - (int)start);
    }
}

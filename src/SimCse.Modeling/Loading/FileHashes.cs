using System.Security.Cryptography;

namespace SimCse.Modeling.Loading;

/// <summary>sha256 of the files of a model folder, for the manifest and its verification.</summary>
public static class FileHashes
{
    public static string Sha256(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Hashes every file under <paramref name="folder"/> except the manifest itself, keyed by relative path.</summary>
    public static SortedDictionary<string, string> HashFolder(string folder)
    {
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(folder, path).Replace('\\', '/');
            if (relative != ModelManifest.FileName)
            {
                hashes[relative] = Sha256(path);
            }
        }
        return hashes;
    }

    /// <summary>Throws naming the first file whose content no longer matches the manifest.</summary>
    public static void Verify(string folder, ModelManifest manifest)
    {
        foreach ((string relative, string expected) in manifest.Files)
        {
            string path = Path.Combine(folder, relative);
            if (!File.Exists(path))
            {
                throw new InvalidDataException($"Model folder {folder}: '{relative}' listed in {ModelManifest.FileName} is missing.");
            }
            string actual = Sha256(path);
            if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException($"Model folder {folder}: '{relative}' has sha256 {actual}, {ModelManifest.FileName} says {expected} (corrupted or modified).");
            }
        }
    }
}

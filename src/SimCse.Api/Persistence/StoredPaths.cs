namespace SimCse.Api.Persistence;

/// <summary>
/// Paths in the database are relative to <c>SimCse:DataDirectory</c> (with <c>/</c> separators) so the directory can be
/// moved or mounted elsewhere; a folder outside it (an imported model) stays absolute.
/// </summary>
public static class StoredPaths
{
    public static string ToStored(string root, string path)
    {
        string full = Path.GetFullPath(path);
        string relative = Path.GetRelativePath(Path.GetFullPath(root), full);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? full
            : relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    public static string Resolve(string root, string stored) =>
        Path.GetFullPath(stored.Replace('/', Path.DirectorySeparatorChar), root);

    /// <summary>
    /// An absolute path written before paths were stored relative, possibly under a data directory that has since
    /// moved: the part from its <c>checkpoints/&lt;job&gt;/</c> segment on, relative to the current root; null when it
    /// is not such a path (leave it as it is).
    /// </summary>
    public static string? RelocateLegacy(string root, string stored, string jobId)
    {
        if (!Path.IsPathRooted(stored))
        {
            return null;
        }
        string under = ToStored(root, stored);
        if (!Path.IsPathRooted(under))
        {
            return under;
        }
        string marker = $"{Path.DirectorySeparatorChar}checkpoints{Path.DirectorySeparatorChar}{jobId}{Path.DirectorySeparatorChar}";
        int at = stored.LastIndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? null : stored[(at + 1)..].Replace(Path.DirectorySeparatorChar, '/');
    }
}

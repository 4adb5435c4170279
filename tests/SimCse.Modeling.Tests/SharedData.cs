namespace SimCse.Modeling.Tests;

/// <summary>Locates ../shared/data beside the repository root (CI lays a copy of shared/ there too).</summary>
internal static class SharedData
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Directory { get; } = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"));

    public static string File(string relativePath) => Path.Combine(Directory, relativePath);

    /// <summary>Reads a <c>score TAB s1 TAB s2</c> file.</summary>
    public static IReadOnlyList<(double Score, string First, string Second)> ReadStsPairs(string relativePath) =>
        System.IO.File.ReadLines(File(relativePath))
            .Select(line => line.Split('\t'))
            .Select(parts => (double.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), parts[1], parts[2]))
            .ToList();

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(directory.FullName, "SimCseService.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("SimCseService.sln not found above " + AppContext.BaseDirectory);
    }
}

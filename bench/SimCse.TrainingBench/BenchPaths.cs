namespace SimCse.TrainingBench;

/// <summary>Repository-relative locations: shared data beside the repository, results under bench/results.</summary>
internal static class BenchPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string SharedData(string relative) => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data", relative));

    public static string Results(string name) => Path.Combine(RepositoryRoot, "bench", "results", $"training-{name}.md");

    /// <summary>Where packaged models are imported once and checkpoints are written (ignored by git).</summary>
    public static string Work { get; } = Path.Combine(RepositoryRoot, "bench", ".work");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SimCseService.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("SimCseService.sln not found.");
    }
}

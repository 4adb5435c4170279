namespace SimCse.Api.Tests.Jobs;

/// <summary>Tiny slices of the shared data sets (/work/shared/data beside the repository) so fine-tuning tests stay fast.</summary>
internal static class JobsTestData
{
    public static string DataDirectory { get; } = Path.GetFullPath(Path.Combine(FindRepositoryRoot(), "..", "shared", "data"));

    /// <summary>The first <paramref name="count"/> unlabeled sentences, one per line.</summary>
    public static string Sentences(int count) =>
        string.Join('\n', File.ReadLines(Path.Combine(DataDirectory, "train", "unlabeled.txt")).Where(line => !string.IsNullOrWhiteSpace(line)).Take(count)) + "\n";

    /// <summary>The first <paramref name="count"/> STS-B dev pairs (score TAB s1 TAB s2).</summary>
    public static string StsPairs(int count) =>
        string.Join('\n', File.ReadLines(Path.Combine(DataDirectory, "sts", "stsb-dev.tsv")).Where(line => !string.IsNullOrWhiteSpace(line)).Take(count)) + "\n";

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SimCseService.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("SimCseService.sln not found above " + AppContext.BaseDirectory);
    }
}

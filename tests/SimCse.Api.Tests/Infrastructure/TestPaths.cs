namespace SimCse.Api.Tests.Infrastructure;

/// <summary>Folders the tests share: one model cache for every factory, and the repository root.</summary>
public static class TestPaths
{
    /// <summary>
    /// One data directory for all factories and the in-test encoder, so the packaged model is imported
    /// from ONNX once per machine rather than once per factory.
    /// </summary>
    public static string SharedDataDirectory { get; } = Path.Combine(Path.GetTempPath(), "simcse-api-tests-data");

    /// <summary>The folder holding SimCseService.sln, found by walking up from the test binaries.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SimCseService.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"SimCseService.sln not found above {AppContext.BaseDirectory}.");
    }
}

using System.Diagnostics;
using System.Text.Json.Nodes;
using SimCse.Api.Tests.Infrastructure;

namespace SimCse.Api.Tests.Sdk;

/// <summary>
/// Runs a script of <c>tests/node</c> with Node.js, installing its pinned npm packages (<c>npm ci</c>,
/// from the committed lock file) the first time. The script prints one JSON object.
/// </summary>
public static class NodeScript
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    public static string Folder { get; } = Path.Combine(TestPaths.RepositoryRoot, "tests", "node");

    public static async Task<JsonNode> RunAsync(string script, params string[] arguments)
    {
        await EnsureInstalledAsync();
        (int exitCode, string output, string errors) = await ExecAsync("node", [script, .. arguments]);
        Assert.True(exitCode == 0, $"node {script} exited {exitCode}:\n{errors}\n{output}");
        return JsonNode.Parse(output)!;
    }

    private static async Task EnsureInstalledAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            if (Directory.Exists(Path.Combine(Folder, "node_modules", "openai")) && Directory.Exists(Path.Combine(Folder, "node_modules", "@langchain", "openai")))
            {
                return;
            }
            (int exitCode, string output, string errors) = await ExecAsync("npm", ["ci", "--no-audit", "--no-fund"]);
            Assert.True(exitCode == 0, $"npm ci in {Folder} exited {exitCode}:\n{errors}\n{output}");
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static async Task<(int ExitCode, string Output, string Errors)> ExecAsync(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        // A deadline only so a hung child fails the run instead of hanging it; not a timing assertion.
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await output, await errors);
    }
}

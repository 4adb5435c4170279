using System.Globalization;

namespace SimCse.LoadBench;

/// <summary>Command line: <c>throughput|overload|hotswap|vs-ort|service-path|abuse|memory [--url URL] [--duration S] [--clients 1,8,64] [--api-dll PATH] [--compare-dll PATH] [--service-gc-server 0|1] [--data DIR] [--sts PATH]</c>.</summary>
public sealed record BenchOptions(
    string Mode,
    Uri? Url,
    TimeSpan Duration,
    IReadOnlyList<int> Clients,
    string ApiDll,
    string DataDirectory,
    string StsPath,
    string ResultsDirectory,
    string? CompareDll = null,
    string? ServiceGcServer = null)
{
    public static BenchOptions Parse(string[] args)
    {
        string root = RepositoryRoot();
        string mode = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "throughput";
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length - 1; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                values[args[i][2..]] = args[i + 1];
            }
        }
        string Get(string key, string fallback) => values.TryGetValue(key, out string? value) ? value : fallback;
        int[] defaultClients = mode switch
        {
            "overload" => [2000],
            "hotswap" => [16],
            "service-path" => [1],
            _ => [1, 8, 64],
        };
        return new BenchOptions(
            mode,
            values.TryGetValue("url", out string? url) ? new Uri(url) : null,
            TimeSpan.FromSeconds(double.Parse(Get("duration", mode switch { "hotswap" => "60", "abuse" => "15", _ => "20" }), CultureInfo.InvariantCulture)),
            values.TryGetValue("clients", out string? clients) ? clients.Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray() : defaultClients,
            Get("api-dll", Path.Combine(root, "src", "SimCse.Api", "bin", "Release", "net10.0", "linux-x64", "SimCse.Api.dll")),
            Get("data", Path.Combine(Path.GetTempPath(), "simcse-loadbench-data")),
            Get("sts", Path.GetFullPath(Path.Combine(root, "..", "shared", "data", "sts", "stsb-dev.tsv"))),
            Path.Combine(root, "bench", "results"),
            values.TryGetValue("compare-dll", out string? compare) ? compare : null,
            values.TryGetValue("service-gc-server", out string? gcServer) ? gcServer : null);
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SimCseService.sln")))
            {
                return folder.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }
}

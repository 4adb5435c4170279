namespace SimCse.LoadBench;

/// <summary>The CPU's model name, for naming the machine in results.</summary>
public static class CpuInfo
{
    public static string ModelName()
    {
        const string key = "model name";
        string? line = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal)) : null;
        string name = line is null ? "unknown" : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        string? flags = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal)) : null;
        string[] notable = flags is null ? [] : [.. new[] { "avx512_bf16", "amx_bf16" }.Where(flag => flags.Split(' ').Contains(flag))];
        return notable.Length == 0 ? name : $"{name} ({string.Join(", ", notable)})";
    }

    /// <summary>The 1-minute load average when the run started: how busy the shared machine was.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
}

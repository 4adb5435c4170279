namespace SimCse.LoadBench;

/// <summary>The CPU's model name, for naming the machine in results.</summary>
public static class CpuInfo
{
    public static string ModelName()
    {
        const string key = "model name";
        string? line = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal)) : null;
        return line is null ? "unknown" : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}

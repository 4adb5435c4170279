using Microsoft.ML.OnnxRuntime;
using static TorchSharp.torch;

namespace SimCse.Bench;

/// <summary>What the numbers were measured on; throughput means little without it.</summary>
internal static class HostInfo
{
    public static void Describe(MarkdownReport report)
    {
        string cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        report.Line($"- CPU: {cpu}, {Environment.ProcessorCount} logical cores; load average at start {LoadAverage()}");
        report.Line($"- OMP_WAIT_POLICY={OmpWaitPolicy ?? "(unset: libgomp spins at barriers)"}");
        report.Line($"- Native allocator (both engines, one process): {SimCse.Modeling.Runtime.NativeAllocatorPreload.Description}");
        report.Line($"- TorchSharp {typeof(TorchSharp.torch).Assembly.GetName().Version} (libtorch threads {get_num_threads()}), ONNX Runtime {OrtEnv.Instance().GetVersionString()} (intra-op threads {Environment.ProcessorCount}), .NET {Environment.Version}");
    }

    /// <summary>
    /// libtorch's OpenMP threads spin-wait between operations unless this says PASSIVE; on a host whose
    /// cores are oversubscribed that spinning starves the thread holding the work (see bench/README.md).
    /// SimCse.Modeling sets PASSIVE natively before libtorch loads unless the environment chose a policy.
    /// </summary>
    public static string? OmpWaitPolicy => SimCse.Modeling.Runtime.OpenMpWaitPolicy.Current;

    /// <summary>Result file suffix, so runs under different wait policies do not overwrite each other.</summary>
    public static string Variant => OmpWaitPolicy is { Length: > 0 } policy ? "-omp-" + policy.ToLowerInvariant() : "";

    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary>VmRSS of this process in MiB.</summary>
    public static double ResidentMiB()
    {
        string line = File.ReadLines("/proc/self/status").First(line => line.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0]) / 1024.0;
    }
}

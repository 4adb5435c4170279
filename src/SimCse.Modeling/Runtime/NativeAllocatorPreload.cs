using System.Collections;
using System.Reflection;
using System.Runtime.InteropServices;

namespace SimCse.Modeling.Runtime;

/// <summary>
/// Runs an app on tcmalloc instead of glibc's malloc. libtorch allocates every operator's output, and oneDNN its
/// scratchpads, with <c>posix_memalign</c>/<c>free</c>; under glibc that churn was ~12 % of a batch-1 MiniLM forward
/// (perf), and with tcmalloc batch 1 ran ~15 % faster (bench/results/native-allocator-2026-12-01.md). The
/// allocator of a process is fixed when it starts, so <see cref="EnsurePreloaded"/> re-executes the process
/// (<c>execve</c>: same pid, arguments, streams and environment) with the vendored library in <c>LD_PRELOAD</c>.
/// </summary>
/// <remarks>
/// The serving and benchmark entry points call it first; a test host never re-executes (the entry assembly must be
/// the app that asks). <c>SIMCSE_NATIVE_ALLOCATOR=system</c> keeps glibc's malloc. If the loader refuses the
/// library, the re-executed process runs on glibc and does not try again.
/// </remarks>
public static partial class NativeAllocatorPreload
{
    public const string LibraryFileName = "libtcmalloc_minimal.so.4";

    /// <summary>Set to <c>system</c> to keep glibc's malloc; unset (or anything else) uses tcmalloc.</summary>
    public const string ChoiceVariable = "SIMCSE_NATIVE_ALLOCATOR";

    // Set for the re-executed process, so that it never re-executes again, even when the preload did not happen.
    internal const string AttemptedVariable = "SIMCSE_NATIVE_ALLOCATOR_ATTEMPTED";

    // tcmalloc prints a line for each allocation over 1 GiB by default; a large training batch is not news.
    private const string LargeAllocationReportVariable = "TCMALLOC_LARGE_ALLOC_REPORT_THRESHOLD";

    /// <summary>Where the build puts the library: <c>native/</c> beside the app.</summary>
    public static string LibraryPath => Path.Combine(AppContext.BaseDirectory, "native", LibraryFileName);

    /// <summary>Whether tcmalloc is mapped into this process.</summary>
    public static bool IsLoaded => OperatingSystem.IsLinux() && IsLoadedInProcess(Environment.ProcessId);

    /// <summary>For logs and benchmark headers.</summary>
    public static string Description => Describe(IsLoaded);

    /// <summary>Whether tcmalloc is mapped into process <paramref name="pid"/> (Linux: its <c>/proc/PID/maps</c>).</summary>
    public static bool IsLoadedInProcess(int pid) =>
        File.ReadLines($"/proc/{pid}/maps").Any(line => line.EndsWith("/" + LibraryFileName, StringComparison.Ordinal));

    public static string Describe(bool loaded) => loaded ? "tcmalloc (preloaded)" : "the C library's malloc";

    /// <summary>
    /// Call first thing in <paramref name="app"/>'s entry point: unless tcmalloc is loaded already (or not wanted,
    /// or not available here), replaces the process with one that preloads it. Returns when it does not.
    /// </summary>
    public static void EnsurePreloaded(Assembly app)
    {
        ArgumentNullException.ThrowIfNull(app);
        bool supported = OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64;
        string? preload = PreloadValue(
            isEntryApp: Assembly.GetEntryAssembly() == app,
            supportedPlatform: supported,
            libraryPresent: supported && File.Exists(LibraryPath),
            alreadyLoaded: supported && IsLoaded,
            Environment.GetEnvironmentVariable,
            LibraryPath);
        if (preload is not null)
        {
            ReExecute(preload);
        }
    }

    /// <summary>The <c>LD_PRELOAD</c> to re-execute with (the library first, any existing preloads kept), or null to carry on.</summary>
    internal static string? PreloadValue(bool isEntryApp, bool supportedPlatform, bool libraryPresent, bool alreadyLoaded,
        Func<string, string?> environment, string libraryPath)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!isEntryApp || !supportedPlatform || !libraryPresent || alreadyLoaded
            || string.Equals(environment(ChoiceVariable), "system", StringComparison.OrdinalIgnoreCase)
            || environment(AttemptedVariable) is not null)
        {
            return null;
        }
        string? existing = environment("LD_PRELOAD");
        return string.IsNullOrWhiteSpace(existing) ? libraryPath : $"{libraryPath}:{existing}";
    }

    private static void ReExecute(string preload)
    {
        string[] arguments = File.ReadAllText("/proc/self/cmdline").Split('\0');
        int count = arguments.Length > 0 && arguments[^1].Length == 0 ? arguments.Length - 1 : arguments.Length;
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = (string?)entry.Value ?? "";
        }
        environment["LD_PRELOAD"] = preload;
        environment[AttemptedVariable] = "1";
        environment.TryAdd(LargeAllocationReportVariable, "1099511627776");

        IntPtr[] argv = ToNative(arguments.Take(count));
        IntPtr[] envp = ToNative(environment.Select(pair => $"{pair.Key}={pair.Value}"));
        // Only returns on failure (then the process simply goes on with the C library's malloc).
        _ = Execve("/proc/self/exe", argv, envp);
        Free(argv);
        Free(envp);
    }

    // A NULL-terminated array of UTF-8 strings, as execve wants them.
    private static IntPtr[] ToNative(IEnumerable<string> values) => [.. values.Select(Marshal.StringToCoTaskMemUTF8), IntPtr.Zero];

    private static void Free(IntPtr[] values)
    {
        foreach (IntPtr value in values)
        {
            Marshal.FreeCoTaskMem(value);
        }
    }

    [LibraryImport("libc", EntryPoint = "execve", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Execve(string path, IntPtr[] argv, IntPtr[] envp);
}

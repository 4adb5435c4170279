namespace SimCse.Modeling.Runtime;

/// <summary>
/// What this CPU reports in <c>/proc/cpuinfo</c>: its name and whether it computes bfloat16 natively
/// (<c>avx512_bf16</c>: Intel Cooper Lake and later, AMD Zen 4 and later; <c>amx_bf16</c>: Intel Sapphire
/// Rapids and later). Decisions come from these flags, never from a machine name.
/// </summary>
public sealed record CpuFeatures(string Name, IReadOnlySet<string> Flags)
{
    private static readonly Lazy<CpuFeatures> Host = new(ReadHost);
    private static readonly string[] Bf16Flags = ["avx512_bf16", "amx_bf16"];

    /// <summary>This machine's CPU (empty flags where /proc/cpuinfo is absent, e.g. not Linux).</summary>
    public static CpuFeatures Current => Host.Value;

    public bool HasAvx512Bf16 => Flags.Contains("avx512_bf16");

    public bool HasAmxBf16 => Flags.Contains("amx_bf16");

    public bool HasNativeBf16 => HasAvx512Bf16 || HasAmxBf16;

    /// <summary>The bfloat16 instruction sets present, e.g. "avx512_bf16, amx_bf16", or "none".</summary>
    public string Bf16Support => HasNativeBf16
        ? string.Join(", ", Bf16Flags.Where(Flags.Contains))
        : "none";

    /// <summary>Reads the first processor's <c>model name</c> and <c>flags</c> lines.</summary>
    public static CpuFeatures Parse(string cpuinfo)
    {
        ArgumentNullException.ThrowIfNull(cpuinfo);
        string name = "unknown";
        var flags = new HashSet<string>(StringComparer.Ordinal);
        bool haveName = false;
        bool haveFlags = false;
        foreach (string line in cpuinfo.Split('\n'))
        {
            string[] parts = line.Split(':', 2);
            if (parts.Length != 2)
            {
                continue;
            }
            string key = parts[0].Trim();
            if (!haveName && key == "model name")
            {
                name = parts[1].Trim();
                haveName = true;
            }
            else if (!haveFlags && key == "flags")
            {
                flags.UnionWith(parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
                haveFlags = true;
            }
        }
        return new CpuFeatures(name, flags);
    }

    private static CpuFeatures ReadHost()
    {
        const string path = "/proc/cpuinfo";
        return File.Exists(path) ? Parse(File.ReadAllText(path)) : new CpuFeatures("unknown", new HashSet<string>());
    }
}

using System.Globalization;

namespace SimCse.TrainingBench;

/// <summary><c>--name value</c> options after the command word.</summary>
internal sealed class BenchArguments(string[] args)
{
    public string? Get(string name)
    {
        int index = Array.IndexOf(args, "--" + name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    public int Int(string name, int fallback) => Get(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public int? OptionalInt(string name) => Get(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : null;

    public double Double(string name, double fallback) => Get(name) is { } value ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public string String(string name, string fallback) => Get(name) ?? fallback;
}

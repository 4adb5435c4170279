using System.Globalization;
using System.Text;

namespace SimCse.TrainingBench;

/// <summary>A markdown report, echoed to the console as it grows and rewritten to disk after every line (runs may be cut short).</summary>
internal sealed class Report(string path)
{
    private readonly StringBuilder _text = new();

    public void Line(string line = "")
    {
        Console.WriteLine(line);
        _text.AppendLine(line);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, _text.ToString());
    }

    public static string F(double value, string format = "F2") => value.ToString(format, CultureInfo.InvariantCulture);
}

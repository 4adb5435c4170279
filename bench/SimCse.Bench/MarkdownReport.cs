using System.Text;

namespace SimCse.Bench;

/// <summary>Echoes each line to stdout as it is produced (long runs show progress) and saves the whole under bench/results.</summary>
internal sealed class MarkdownReport
{
    private readonly StringBuilder _text = new();

    public void Line(string line = "")
    {
        Console.WriteLine(line);
        _text.Append(line).Append('\n');
    }

    public void Row(params object[] cells) => Line("| " + string.Join(" | ", cells) + " |");

    /// <returns>The file written: bench/results/&lt;name&gt;-&lt;yyyy-MM-dd&gt;[-quick].md.</returns>
    public string Save(string name, bool quick)
    {
        string folder = Path.Combine(SimCse.Modeling.Tests.SharedData.RepositoryRoot, "bench", "results");
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, $"{name}-{DateTime.Now:yyyy-MM-dd}{(quick ? "-quick" : "")}.md");
        File.WriteAllText(path, _text.ToString());
        Console.WriteLine($"written to {path}");
        return path;
    }
}

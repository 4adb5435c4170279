namespace SimCse.Modeling.Data;

/// <summary>Reads unsupervised training data: UTF-8 text, one sentence per line (blank lines skipped).</summary>
public static class UnsupervisedTextReader
{
    public static IReadOnlyList<string> ReadFile(string path)
    {
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8);
        return Read(reader);
    }

    /// <exception cref="DataFileException">A line holds a tab (likely a supervised or evaluation file) or the file is empty.</exception>
    public static IReadOnlyList<string> Read(TextReader reader)
    {
        var sentences = new List<string>();
        foreach ((int number, string line) in DataLines.Read(reader))
        {
            if (line.Contains('\t'))
            {
                throw new DataFileException(number, "a tab in an unsupervised file (expected one sentence per line).");
            }
            sentences.Add(line.Trim());
        }
        return DataLines.RequireSome(sentences, "sentences");
    }
}

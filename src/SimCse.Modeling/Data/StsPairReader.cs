using System.Globalization;
using System.Text.Json;

namespace SimCse.Modeling.Data;

/// <summary>
/// Reads evaluation data: TSV <c>score TAB sentence1 TAB sentence2</c> or JSONL
/// <c>{"sentence1","sentence2","score"}</c>, detected from the first non-blank line.
/// </summary>
public static class StsPairReader
{
    public static IReadOnlyList<StsPair> ReadFile(string path)
    {
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8);
        return Read(reader);
    }

    /// <exception cref="DataFileException">Names the first line that is not a valid scored pair.</exception>
    public static IReadOnlyList<StsPair> Read(TextReader reader)
    {
        var pairs = new List<StsPair>();
        bool? json = null;
        foreach ((int number, string line) in DataLines.Read(reader))
        {
            json ??= DataLines.LooksLikeJson(line);
            pairs.Add(json.Value ? ParseJson(number, line) : ParseTsv(number, line));
        }
        return DataLines.RequireSome(pairs, "scored pairs");
    }

    private static StsPair ParseTsv(int number, string line)
    {
        string[] fields = line.Split('\t');
        if (fields.Length != 3)
        {
            throw new DataFileException(number, $"expected score<TAB>sentence1<TAB>sentence2, found {fields.Length} field(s).");
        }
        if (!double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double score) || !double.IsFinite(score))
        {
            throw new DataFileException(number, "the score (first field) is not a number.");
        }
        return new StsPair(DataLines.RequireText(number, fields[1], "sentence1"), DataLines.RequireText(number, fields[2], "sentence2"), score);
    }

    private static StsPair ParseJson(int number, string line)
    {
        JsonElement element = DataLines.ParseObject(number, line);
        if (!element.TryGetProperty("score", out JsonElement scoreElement) || scoreElement.ValueKind != JsonValueKind.Number
            || !double.IsFinite(scoreElement.GetDouble()))
        {
            throw new DataFileException(number, "'score' is missing or not a number.");
        }
        return new StsPair(
            DataLines.RequireText(number, DataLines.OptionalJsonString(number, element, "sentence1"), "sentence1"),
            DataLines.RequireText(number, DataLines.OptionalJsonString(number, element, "sentence2"), "sentence2"),
            scoreElement.GetDouble());
    }
}

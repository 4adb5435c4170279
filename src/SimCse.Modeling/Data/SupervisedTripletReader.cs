namespace SimCse.Modeling.Data;

/// <summary>
/// Reads supervised training data: TSV <c>anchor TAB positive [TAB hard_negative]</c> or JSONL
/// <c>{"anchor","positive","negative"?}</c>, detected from the first non-blank line.
/// </summary>
public static class SupervisedTripletReader
{
    public static IReadOnlyList<TrainingTriplet> ReadFile(string path)
    {
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8);
        return Read(reader);
    }

    /// <exception cref="DataFileException">Names the first line that is not a valid pair or triplet.</exception>
    public static IReadOnlyList<TrainingTriplet> Read(TextReader reader)
    {
        var triplets = new List<TrainingTriplet>();
        bool? json = null;
        foreach ((int number, string line) in DataLines.Read(reader))
        {
            json ??= DataLines.LooksLikeJson(line);
            triplets.Add(json.Value ? ParseJson(number, line) : ParseTsv(number, line));
        }
        return DataLines.RequireSome(triplets, "training pairs");
    }

    private static TrainingTriplet ParseTsv(int number, string line)
    {
        string[] fields = line.Split('\t');
        if (fields.Length is not (2 or 3))
        {
            throw new DataFileException(number, $"expected anchor<TAB>positive[<TAB>hard_negative], found {fields.Length} field(s).");
        }
        return new TrainingTriplet(
            DataLines.RequireText(number, fields[0], "anchor"),
            DataLines.RequireText(number, fields[1], "positive"),
            fields.Length == 3 ? DataLines.RequireText(number, fields[2], "hard_negative") : null);
    }

    private static TrainingTriplet ParseJson(int number, string line)
    {
        var element = DataLines.ParseObject(number, line);
        string? negative = DataLines.OptionalJsonString(number, element, "negative");
        return new TrainingTriplet(
            DataLines.RequireText(number, DataLines.OptionalJsonString(number, element, "anchor"), "anchor"),
            DataLines.RequireText(number, DataLines.OptionalJsonString(number, element, "positive"), "positive"),
            negative is null ? null : DataLines.RequireText(number, negative, "negative"));
    }
}

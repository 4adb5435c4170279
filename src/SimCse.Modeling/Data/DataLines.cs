using System.Text.Json;

namespace SimCse.Modeling.Data;

/// <summary>Line enumeration and field checks shared by the readers.</summary>
internal static class DataLines
{
    /// <summary>Non-blank lines with their 1-based numbers (a trailing blank line is not an error).</summary>
    public static IEnumerable<(int Number, string Text)> Read(TextReader reader)
    {
        int number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length > 0 && line[^1] == '\r')
            {
                line = line[..^1];
            }
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return (number, line);
            }
        }
    }

    /// <summary>A file is JSONL when its first non-blank line is a JSON object.</summary>
    public static bool LooksLikeJson(string firstLine) => firstLine.TrimStart().StartsWith('{');

    public static JsonElement ParseObject(int number, string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new DataFileException(number, "expected a JSON object.");
            }
            return document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            // Position only: the parser's message can quote the file's content, which no error message repeats.
            throw new DataFileException(number, $"invalid JSON (at byte {exception.BytePositionInLine ?? 0} of the line).");
        }
    }

    public static string RequireText(int number, string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new DataFileException(number, $"'{field}' is missing or empty.");
        }
        return value.Trim();
    }

    public static string? OptionalJsonString(int number, JsonElement element, string field)
    {
        if (!element.TryGetProperty(field, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new DataFileException(number, $"'{field}' must be a string.");
        }
        return value.GetString();
    }

    public static IReadOnlyList<T> RequireSome<T>(List<T> items, string what) =>
        items.Count > 0 ? items : throw new DataFileException(0, $"the file has no {what}.");
}

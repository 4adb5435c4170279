using SimCse.Core.Errors;
using SimCse.Modeling.Data;
using SimCse.Modeling.Training;

namespace SimCse.Api.Files;

/// <summary>
/// Reads uploaded data with the training library's readers. Training files are told apart by content:
/// a first line <c>number TAB text TAB text</c> or a JSON object with a <c>"score"</c> is scored pairs;
/// another first line with a tab (TSV) or starting with '{' (JSONL) is supervised; anything else is one
/// sentence per line.
/// </summary>
public static class DataFileFormats
{
    public static TrainingMethod SniffTraining(string path)
    {
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                if (IsScoredPair(line))
                {
                    return TrainingMethod.ScoredPairs;
                }
                return line.Contains('\t') || line.TrimStart().StartsWith('{') ? TrainingMethod.Supervised : TrainingMethod.Unsupervised;
            }
        }
        return TrainingMethod.Unsupervised;
    }

    /// <summary>Checks an upload for its purpose; 400 naming the first bad line.</summary>
    public static void Validate(string path, string purpose, string filename)
    {
        if (purpose == FilePurposes.Evaluation)
        {
            ReadEvaluation(path, filename);
        }
        else if (SniffTraining(path) is TrainingMethod.Supervised)
        {
            ReadTriplets(path, filename);
        }
        else if (SniffTraining(path) is TrainingMethod.ScoredPairs)
        {
            ReadEvaluation(path, filename);
        }
        else
        {
            ReadSentences(path, filename);
        }
    }

    /// <summary>A scored pair's line: TSV whose first of three fields is a number, or a JSON object with a <c>score</c>.</summary>
    private static bool IsScoredPair(string line)
    {
        if (line.TrimStart().StartsWith('{'))
        {
            try
            {
                using var document = System.Text.Json.JsonDocument.Parse(line);
                return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && document.RootElement.TryGetProperty("score", out _);
            }
            catch (System.Text.Json.JsonException)
            {
                return false;
            }
        }
        string[] fields = line.Split('\t');
        return fields.Length == 3 && double.TryParse(fields[0], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);
    }

    public static IReadOnlyList<string> ReadSentences(string path, string name) =>
        Read(() => UnsupervisedTextReader.ReadFile(path), name, "unsupervised text (one sentence per line)");

    public static IReadOnlyList<TrainingTriplet> ReadTriplets(string path, string name) =>
        Read(() => SupervisedTripletReader.ReadFile(path), name, "supervised data (TSV anchor<TAB>positive[<TAB>negative] or JSONL)");

    public static IReadOnlyList<StsPair> ReadEvaluation(string path, string name) =>
        Read(() => StsPairReader.ReadFile(path), name, "evaluation data (TSV score<TAB>sentence1<TAB>sentence2 or JSONL)");

    private static T Read<T>(Func<T> read, string name, string what)
    {
        try
        {
            return read();
        }
        catch (DataFileException ex)
        {
            throw new SimCseException(ErrorKind.BadRequest, $"'{name}' is not valid {what}: {ex.Message}", ex);
        }
    }
}

using SimCse.Core.Errors;
using SimCse.Modeling.Data;
using SimCse.Modeling.Training;

namespace SimCse.Api.Files;

/// <summary>
/// Reads uploaded data with the training library's readers. Training files are told apart by content:
/// a first line with a tab (TSV) or starting with '{' (JSONL) is supervised, anything else is one
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
        else if (SniffTraining(path) == TrainingMethod.Supervised)
        {
            ReadTriplets(path, filename);
        }
        else
        {
            ReadSentences(path, filename);
        }
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

namespace SimCse.Modeling.Tests.Tokenization;

/// <summary>Every distinct sentence of shared/data: STS pairs, NLI triplets and the unlabeled corpus.</summary>
internal static class ParitySentences
{
    private static readonly Lazy<IReadOnlyList<string>> LazyAll = new(Load);

    public static IReadOnlyList<string> All => LazyAll.Value;

    private static List<string> Load()
    {
        var sentences = new HashSet<string>(StringComparer.Ordinal);
        foreach (string file in new[] { "sts/stsb-train.tsv", "sts/stsb-dev.tsv", "sts/sickr-train.tsv", "sts/sickr-dev.tsv" })
        {
            foreach (string line in File.ReadLines(SharedData.File(file)))
            {
                string[] parts = line.Split('\t');
                sentences.Add(parts[1]);
                sentences.Add(parts[2]);
            }
        }
        foreach (string line in File.ReadLines(SharedData.File("train/nli_triplets.tsv")))
        {
            sentences.UnionWith(line.Split('\t'));
        }
        sentences.UnionWith(File.ReadLines(SharedData.File("train/unlabeled.txt")));
        return [.. sentences.Order(StringComparer.Ordinal)];
    }
}

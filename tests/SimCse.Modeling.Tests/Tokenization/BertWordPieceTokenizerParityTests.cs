using System.Text;
using SimCse.Modeling.Tokenization;
using Xunit.Abstractions;
using MicrosoftBertOptions = Microsoft.ML.Tokenizers.BertOptions;
using MicrosoftBertTokenizer = Microsoft.ML.Tokenizers.BertTokenizer;

namespace SimCse.Modeling.Tests.Tokenization;

/// <summary>
/// Parity on every distinct sentence of shared/data (133,212) against FastBertTokenizer, an independent WordPiece
/// implementation tested by its authors against Hugging Face. Last run: 133,212 compared, 0 differ from FastBert;
/// Microsoft.ML.Tokenizers' own BertTokenizer (lower-case, strip marks) differs from HF on 1,716 (1.29%) as it runs
/// here, and still on 747 (0.56%) when handed decomposed text, i.e. as it would run with ICU. The same sentences were
/// also checked offline against a Python transcription of HF's BasicTokenizer/WordpieceTokenizer: 0 differ.
/// </summary>
/// <remarks>
/// Known FastBert deviation, as a class of characters: anything with a canonical decomposition (é, ö, ō, Greek with
/// tonos, ...). FastBert strips accents through <see cref="string.Normalize(NormalizationForm)"/>, which is a no-op
/// under the InvariantGlobalization this repository builds with, so it keeps "é" and answers [UNK]. We hand it
/// canonically decomposed text instead; HF's output is the same for canonically equivalent inputs (it applies NFC
/// and then NFD itself), so the comparison stays exact.
/// </remarks>
public sealed class BertWordPieceTokenizerParityTests(ITestOutputHelper output)
{
    private const int MaxTokens = 512;

    [Fact]
    public void MatchesFastBertOnEverySharedSentence()
    {
        BertWordPieceTokenizer ours = PackagedVocabulary.Tokenizer;
        var fast = new FastBertTokenizer.BertTokenizer();
        fast.LoadVocabulary(new StringReader(Encoding.UTF8.GetString(PackagedVocabulary.Bytes)), convertInputToLowercase: true);
        MicrosoftBertTokenizer microsoft = MicrosoftBertTokenizer.Create(
            new MemoryStream(PackagedVocabulary.Bytes),
            new MicrosoftBertOptions { LowerCaseBeforeTokenization = true, RemoveNonSpacingMarks = true });

        IReadOnlyList<string> sentences = ParitySentences.All;
        var mismatches = new List<string>();
        int microsoftDiffers = 0;
        foreach (string sentence in sentences)
        {
            int[] expected = [.. fast.Encode(UnicodeNormalization.Decompose(sentence), MaxTokens).InputIds.ToArray().Select(id => (int)id)];
            var actual = ours.Encode(sentence, MaxTokens);
            Assert.False(actual.Truncated);
            Assert.Equal(actual.Length, actual.UntruncatedLength);
            if (!expected.AsSpan().SequenceEqual(actual.Ids))
            {
                mismatches.Add($"{sentence}\n  fast: {Render(ours, expected)}\n  ours: {Render(ours, actual.Ids)}");
            }
            if (!microsoft.EncodeToIds(sentence).SequenceEqual(actual.Ids))
            {
                microsoftDiffers++;
            }
        }

        output.WriteLine($"sentences compared: {sentences.Count}; differ from FastBert: {mismatches.Count}; "
            + $"raw Microsoft BertTokenizer differs from HF on {microsoftDiffers} ({100.0 * microsoftDiffers / sentences.Count:F2}%)");
        Assert.True(sentences.Count > 100_000, $"only {sentences.Count} sentences found under {SharedData.Directory}");
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} sentences differ, e.g.\n{string.Join("\n", mismatches.Take(5))}");
    }

    private static string Render(BertWordPieceTokenizer tokenizer, IEnumerable<int> ids) =>
        string.Join(' ', ids.Select(tokenizer.IdToToken));
}

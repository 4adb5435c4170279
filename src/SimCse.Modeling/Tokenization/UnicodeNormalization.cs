using System.Text;

namespace SimCse.Modeling.Tokenization;

/// <summary>
/// Canonical decomposition (NFD) and the per code point part of NFC, from tables. The service runs with
/// <c>InvariantGlobalization</c>, where <see cref="string.Normalize(NormalizationForm)"/> returns its input unchanged
/// (no ICU), so "café" would keep its accent, become [UNK] and break parity with Hugging Face.
/// </summary>
/// <remarks>
/// UnicodeNormalization.Data.cs is generated with Python (whose <c>unicodedata</c> is what HF uses):
/// <code>
/// for cp in range(0x110000): skip surrogates; d = unicodedata.normalize(form, chr(cp)); keep cp where d != chr(cp)
/// </code>
/// for form NFD (Hangul syllables skipped, they decompose by formula) and NFC, as sorted keys, start offsets and one
/// concatenated value string.
/// </remarks>
public static partial class UnicodeNormalization
{
    private const int HangulBase = 0xAC00;
    private const int HangulCount = 11172;
    private const int LeadingBase = 0x1100;
    private const int VowelBase = 0x1161;
    private const int TrailingBase = 0x11A7;
    private const int VowelCount = 21;
    private const int TrailingCount = 28;

    /// <summary>
    /// Replaces every code point by its full canonical decomposition. Unlike real NFD it does not reorder runs of
    /// combining marks, which only matters when their order is compared, not when they are dropped.
    /// </summary>
    public static string Decompose(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new StringBuilder(text.Length + 8);
        foreach (Rune rune in text.EnumerateRunes())
        {
            AppendDecomposition(rune.Value, result);
        }
        return result.ToString();
    }

    /// <summary>Appends the full canonical decomposition of <paramref name="codePoint"/> (itself when it has none).</summary>
    internal static void AppendDecomposition(int codePoint, StringBuilder destination)
    {
        int syllable = codePoint - HangulBase;
        if ((uint)syllable < HangulCount)
        {
            destination.Append((char)(LeadingBase + (syllable / (VowelCount * TrailingCount))));
            destination.Append((char)(VowelBase + (syllable % (VowelCount * TrailingCount) / TrailingCount)));
            if (syllable % TrailingCount != 0)
            {
                destination.Append((char)(TrailingBase + (syllable % TrailingCount)));
            }
            return;
        }
        ReadOnlySpan<char> mapped = Lookup(codePoint, DecompositionKeys, DecompositionStarts, DecompositionValues);
        if (mapped.IsEmpty)
        {
            destination.Append(new Rune(codePoint).ToString());
        }
        else
        {
            destination.Append(mapped);
        }
    }

    /// <summary>
    /// NFC of the single code point (singletons such as K → K, composition exclusions); empty when it is its own NFC.
    /// Composition across neighbouring code points is not done here.
    /// </summary>
    internal static ReadOnlySpan<char> Composition(int codePoint) =>
        Lookup(codePoint, CompositionKeys, CompositionStarts, CompositionValues);

    private static ReadOnlySpan<char> Lookup(int codePoint, ReadOnlySpan<int> keys, ReadOnlySpan<int> starts, string values)
    {
        if (codePoint < 0xC0)
        {
            return [];
        }
        int index = keys.BinarySearch(codePoint);
        return index < 0 ? [] : values.AsSpan(starts[index], starts[index + 1] - starts[index]);
    }
}

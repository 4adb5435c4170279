using System.Globalization;
using System.Text;

namespace SimCse.Modeling.Tokenization;

/// <summary>
/// The character classes of Hugging Face's <c>tokenization_bert.py</c> (<c>_is_whitespace</c>, <c>_is_control</c>,
/// <c>_is_punctuation</c>, <c>_is_chinese_char</c>) and the bits of Python's <c>str.lower()</c> that .NET's
/// invariant lower-casing does not reproduce. All take code points, as Python iterates code points, not UTF-16 units.
/// </summary>
internal static class BertCharacters
{
    /// <summary>
    /// <c>_is_whitespace</c> (space, \t, \n, \r, Zs) plus the line and paragraph separators (Zl, Zp): HF keeps those
    /// through cleaning, but its <c>whitespace_tokenize</c> (Python's <c>str.split()</c>) splits on them.
    /// </summary>
    public static bool IsWhitespace(int codePoint) => codePoint switch
    {
        ' ' or '\t' or '\n' or '\r' => true,
        < 0x80 => false,
        _ => CharUnicodeInfo.GetUnicodeCategory(codePoint) is UnicodeCategory.SpaceSeparator
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator,
    };

    /// <summary>
    /// <c>_clean_text</c> drops U+0000, U+FFFD and every category C* character (Cc, Cf, Cs, Co, Cn) except \t\n\r,
    /// which it turns into spaces. Microsoft's normalizer drops only Cc, and drops \t\n\r instead of splitting on them.
    /// </summary>
    public static bool IsRemoved(int codePoint)
    {
        if (codePoint is '\t' or '\n' or '\r')
        {
            return false;
        }
        if (codePoint is 0 or 0xFFFD or < 0x20 or 0x7F)
        {
            return true;
        }
        if (codePoint < 0x80)
        {
            return false;
        }
        return CharUnicodeInfo.GetUnicodeCategory(codePoint) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;
    }

    /// <summary>
    /// <c>_is_punctuation</c>: the ASCII symbol ranges (so <c>$ + &lt; = &gt; ^ ` | ~</c> and <c>_</c> split off) or
    /// any Unicode P* category. Non-ASCII symbols (S*: £ € ™ emoji) are not punctuation and stay inside words.
    /// </summary>
    public static bool IsPunctuation(int codePoint)
    {
        if (codePoint < 0x80)
        {
            return codePoint is (>= 33 and <= 47) or (>= 58 and <= 64) or (>= 91 and <= 96) or (>= 123 and <= 126);
        }
        return CharUnicodeInfo.GetUnicodeCategory(codePoint) is UnicodeCategory.ConnectorPunctuation
            or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation
            or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
            or UnicodeCategory.OtherPunctuation;
    }

    /// <summary><c>_is_chinese_char</c>: the CJK Unified Ideographs blocks, each such character becomes its own word.</summary>
    public static bool IsChineseChar(int codePoint) =>
        codePoint is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and <= 0x2A6DF)
            or (>= 0x2A700 and <= 0x2B73F) or (>= 0x2B740 and <= 0x2B81F) or (>= 0x2B820 and <= 0x2CEAF)
            or (>= 0xF900 and <= 0xFAFF) or (>= 0x2F800 and <= 0x2FA1F);

    /// <summary>Whether <c>_run_strip_accents</c> drops the code point (category Mn only; Microsoft's also drops Mc).</summary>
    public static bool IsNonSpacingMark(int codePoint) =>
        codePoint >= 0x300 && CharUnicodeInfo.GetUnicodeCategory(codePoint) == UnicodeCategory.NonSpacingMark;

    /// <summary>
    /// Unicode Case_Ignorable (what CPython's final-sigma rule skips over): Mn, Me, Cf, Lm, Sk and the word-break
    /// MidLetter / MidNumLet / Single_Quote characters.
    /// </summary>
    public static bool IsCaseIgnorable(int codePoint)
    {
        if (codePoint is '\'' or '.' or ':' or 0xB7 or 0x387 or 0x55F or 0x5F4 or 0x2018 or 0x2019 or 0x2024
            or 0x2027 or 0xFE13 or 0xFE52 or 0xFE55 or 0xFF07 or 0xFF0E or 0xFF1A)
        {
            return true;
        }
        return codePoint >= 0x80 && CharUnicodeInfo.GetUnicodeCategory(codePoint) is UnicodeCategory.NonSpacingMark
            or UnicodeCategory.EnclosingMark or UnicodeCategory.Format or UnicodeCategory.ModifierLetter
            or UnicodeCategory.ModifierSymbol;
    }

    /// <summary>
    /// Unicode Cased, approximated as Lu/Ll/Lt or any character with a case mapping (which covers the Other_Lowercase
    /// and Other_Uppercase letters such as Ⓐ and Ⅻ that matter here).
    /// </summary>
    public static bool IsCased(int codePoint)
    {
        if (CharUnicodeInfo.GetUnicodeCategory(codePoint) is UnicodeCategory.UppercaseLetter
            or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter)
        {
            return true;
        }
        var rune = new Rune(codePoint);
        return Rune.ToLowerInvariant(rune) != rune || Rune.ToUpperInvariant(rune) != rune;
    }

    /// <summary>The code point at <paramref name="index"/>, or the lone surrogate itself (which <see cref="IsRemoved"/> drops).</summary>
    public static int CodePointAt(string text, int index) =>
        char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1])
            ? char.ConvertToUtf32(text[index], text[index + 1])
            : text[index];
}

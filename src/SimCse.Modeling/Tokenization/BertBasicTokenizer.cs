using System.Text;

namespace SimCse.Modeling.Tokenization;

/// <summary>
/// Hugging Face's slow <c>BertTokenizer</c> front end, reproduced code point by code point so every normalized
/// character keeps the span of the input it came from: special tokens written in the text are matched first
/// (exact case, like HF's added-token trie), then <c>_clean_text</c>, <c>_tokenize_chinese_chars</c>, NFC,
/// whitespace split, <c>lower()</c>, <c>_run_strip_accents</c> (NFD, drop Mn) and <c>_run_split_on_punc</c>.
/// </summary>
/// <remarks>
/// We do this step ourselves instead of using Microsoft.ML.Tokenizers' basic tokenization because that one differs
/// from HF in ways no option fixes (measured on shared/data: 1.29% of sentences as it runs here, 0.56% even with
/// accents handled):
/// <list type="bullet">
/// <item>its pre-tokenizer (<c>\w+|\p{P}</c>) silently drops symbols: <c>$ + &lt; = &gt; ^ ` | ~</c> (HF splits them off
/// as punctuation), and £ € ™ ´ ≡ ☆, emoji, No/Nl numbers such as ² ½ (HF keeps them inside the word);</item>
/// <item>it keeps <c>_</c> (Pc) inside words, HF splits it off;</item>
/// <item>its accent stripping uses <see cref="string.Normalize(NormalizationForm)"/>, a no-op under our
/// InvariantGlobalization, so "café" stays "café" and becomes [UNK] (we decompose from tables, see
/// <see cref="UnicodeNormalization"/>);</item>
/// <item>it drops \t \n \r instead of splitting on them (it treats Cc as removable before whitespace), and keeps
/// Cf/Co/Cn characters that HF removes (a soft hyphen splits a word instead of vanishing);</item>
/// <item>it drops spacing marks (Mc, e.g. Devanagari vowel signs) along with Mn; HF drops only Mn;</item>
/// <item>it lower-cases only Lu (not Lt or Nl/So letters such as ǅ Ⅻ Ⓐ) and never yields final ς, İ → i;</item>
/// <item>it matches special tokens after lower-casing, so "[sep]" in the text becomes [SEP].</item>
/// </list>
/// Per code point processing equals HF's per word processing because NFC, lower-casing and NFD act per character,
/// except for context rules handled explicitly (Python's final sigma, İ). Known deviation, cased mode only
/// (<c>doLowerCase: false</c>, no packaged model uses it): NFC is applied per code point, so a base letter followed
/// by a combining accent is not composed into one character as HF's NFC would.
/// </remarks>
internal sealed class BertBasicTokenizer(bool doLowerCase, IReadOnlyList<KeyValuePair<string, int>> specialTokens)
{
    private const int CapitalSigma = 0x3A3;
    private const int CapitalIWithDot = 0x130;
    private const int SmallSigma = 0x3C3;
    private const int FinalSmallSigma = 0x3C2;

    /// <summary>
    /// Tokenizes <paramref name="text"/> into <paramref name="output"/>, stopping once <paramref name="wordLimit"/>
    /// words are complete: every word gives at least one token, so a caller that keeps fewer tokens than that
    /// needs none of the rest (a 2 MB input costs as much as its first few hundred words).
    /// </summary>
    /// <returns>True when the text was not read to its end.</returns>
    public bool Tokenize(string text, BasicTokens output, int wordLimit = int.MaxValue)
    {
        int i = 0;
        while (i < text.Length)
        {
            if (output.Words.Count >= wordLimit)
            {
                output.DiscardOpenWord();
                return true;
            }
            char c = text[i];
            if (c == '[' && TryMatchSpecial(text, i, out int specialId, out int specialLength))
            {
                output.AddFixed(specialId, i, i + specialLength);
                i += specialLength;
                continue;
            }
            if (c < 0x80)
            {
                AppendAscii(c, i, output);
                i++;
                continue;
            }
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out Rune rune, out int consumed) != System.Buffers.OperationStatus.Done)
            {
                // A lone surrogate is category Cs in Python: _clean_text drops it.
                i += consumed;
                continue;
            }
            AppendNonAscii(text, i, rune, consumed, output);
            i += consumed;
        }
        output.EndWord();
        return false;
    }

    private bool TryMatchSpecial(string text, int index, out int id, out int length)
    {
        foreach (var (token, tokenId) in specialTokens)
        {
            if (text.AsSpan(index).StartsWith(token, StringComparison.Ordinal))
            {
                id = tokenId;
                length = token.Length;
                return true;
            }
        }
        id = 0;
        length = 0;
        return false;
    }

    private void AppendAscii(char c, int index, BasicTokens output)
    {
        if (BertCharacters.IsWhitespace(c))
        {
            output.EndWord();
        }
        else if (BertCharacters.IsRemoved(c))
        {
            // Dropped without a split: "Treasury\x12s" is the one word "treasurys".
        }
        else if (BertCharacters.IsPunctuation(c))
        {
            output.EndWord();
            output.Append(new ReadOnlySpan<char>(in c), index, index + 1);
            output.EndWord();
        }
        else
        {
            char lowered = doLowerCase && c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c;
            output.Append(new ReadOnlySpan<char>(in lowered), index, index + 1);
        }
    }

    private void AppendNonAscii(string text, int index, Rune rune, int consumed, BasicTokens output)
    {
        int codePoint = rune.Value;
        int end = index + consumed;
        if (BertCharacters.IsWhitespace(codePoint))
        {
            output.EndWord();
            return;
        }
        if (codePoint == 0xFFFD || BertCharacters.IsRemoved(codePoint))
        {
            return;
        }
        bool chinese = BertCharacters.IsChineseChar(codePoint);
        if (chinese)
        {
            output.EndWord();
        }
        string normalized = Normalize(text, index, rune);
        for (int j = 0; j < normalized.Length;)
        {
            Rune.DecodeFromUtf16(normalized.AsSpan(j), out Rune piece, out int length);
            ReadOnlySpan<char> chars = normalized.AsSpan(j, length);
            j += length;
            if (doLowerCase && BertCharacters.IsNonSpacingMark(piece.Value))
            {
                output.ExtendLast(end);
            }
            else if (BertCharacters.IsPunctuation(piece.Value))
            {
                output.EndWord();
                output.Append(chars, index, end);
                output.EndWord();
            }
            else
            {
                output.Append(chars, index, end);
            }
        }
        if (chinese)
        {
            output.EndWord();
        }
    }

    /// <summary>NFC (HF normalizes the whole text), then with lower-casing Python's <c>lower()</c> and NFD.</summary>
    private string Normalize(string text, int index, Rune rune)
    {
        ReadOnlySpan<char> composed = UnicodeNormalization.Composition(rune.Value);
        string value = composed.IsEmpty ? rune.ToString() : composed.ToString();
        if (!doLowerCase)
        {
            return value;
        }
        var decomposed = new StringBuilder(value.Length + 2);
        foreach (Rune r in value.EnumerateRunes())
        {
            int lowered = r.Value switch
            {
                // Python's full lower-casing gives i + U+0307 (.NET's invariant mapping leaves İ alone); NFD then
                // strips the dot, so plain i is the same result.
                CapitalIWithDot => 'i',
                CapitalSigma => IsFinalSigma(text, index) ? FinalSmallSigma : SmallSigma,
                _ => Rune.ToLowerInvariant(r).Value,
            };
            UnicodeNormalization.AppendDecomposition(lowered, decomposed);
        }
        return decomposed.ToString();
    }

    /// <summary>
    /// CPython's <c>str.lower()</c> turns Σ into final ς when a cased letter precedes it and none follows (skipping
    /// case-ignorable characters) within the whitespace-delimited word it lower-cases.
    /// </summary>
    private static bool IsFinalSigma(string text, int index)
    {
        bool casedBefore = false;
        for (int j = index - 1; j >= 0; j--)
        {
            int start = j > 0 && char.IsLowSurrogate(text[j]) && char.IsHighSurrogate(text[j - 1]) ? j - 1 : j;
            int codePoint = BertCharacters.CodePointAt(text, start);
            j = start;
            if (BertCharacters.IsRemoved(codePoint) || BertCharacters.IsCaseIgnorable(codePoint))
            {
                continue;
            }
            if (!BertCharacters.IsWhitespace(codePoint) && !BertCharacters.IsChineseChar(codePoint))
            {
                casedBefore = BertCharacters.IsCased(codePoint);
            }
            break;
        }
        if (!casedBefore)
        {
            return false;
        }
        for (int j = index + 1; j < text.Length; j++)
        {
            int codePoint = BertCharacters.CodePointAt(text, j);
            if (codePoint > 0xFFFF)
            {
                j++;
            }
            if (BertCharacters.IsRemoved(codePoint) || BertCharacters.IsCaseIgnorable(codePoint))
            {
                continue;
            }
            return BertCharacters.IsWhitespace(codePoint) || BertCharacters.IsChineseChar(codePoint)
                || !BertCharacters.IsCased(codePoint);
        }
        return true;
    }
}

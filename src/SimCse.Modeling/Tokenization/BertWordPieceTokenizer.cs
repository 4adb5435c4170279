using System.Text;
using Microsoft.ML.Tokenizers;
using SimCse.Core.Tokenization;

namespace SimCse.Modeling.Tokenization;

/// <summary>
/// BERT WordPiece tokenizer whose ids equal Hugging Face's <c>BertTokenizer</c> ([CLS] text [SEP], truncated to
/// the first max-length − 2 word pieces), with offsets into the original text. Thread-safe.
/// </summary>
/// <remarks>
/// Like HF, "[CLS]", "[SEP]", "[PAD]", "[MASK]" and "[UNK]" written in the text (exact case) encode as those special
/// tokens; they are flagged <see cref="TokenizedInput.Special"/> but keep their span of the text as offsets.
/// <para>
/// Two stages. <see cref="BertBasicTokenizer"/> does HF's basic tokenization itself, because Microsoft.ML.Tokenizers'
/// <c>BertTokenizer</c> normalizer and pre-tokenizer differ from HF on 1.3% of our sentences (see that type for the
/// list) and cannot be configured into parity. The WordPiece stage (greedy longest match first, "##" continuation,
/// [UNK] for a word it cannot cover) is Microsoft's <c>BertTokenizer</c> with basic tokenization off, fed all words of
/// a text in one call; only the 100-character word limit is applied on our side, since HF counts code points.
/// </para>
/// <para>
/// Basic tokenization stops once max-length − 1 words are complete (each word gives at least one token), so a
/// megabyte input costs what its first few hundred words cost. For a cut input
/// <see cref="TokenizedInput.UntruncatedLength"/> is therefore a lower bound (always above the max length), not the
/// full count; the kept tokens are exactly HF's.
/// </para>
/// </remarks>
public sealed class BertWordPieceTokenizer : ITextTokenizer
{
    /// <summary>HF's <c>max_input_chars_per_word</c>: a longer word is a single [UNK].</summary>
    public const int MaxInputCharsPerWord = 100;

    private const string UnknownToken = "[UNK]";
    private const string ClassificationToken = "[CLS]";
    private const string SeparatorToken = "[SEP]";
    private const string PaddingToken = "[PAD]";
    private const string MaskingToken = "[MASK]";

    /// <summary>Scratch characters a thread keeps between calls; a larger input's arrays are given back after it.</summary>
    internal const int RetainedScratchCharacters = 16 * 1024;

    [ThreadStatic]
    private static BasicTokens? t_scratch;

    private readonly BertTokenizer _wordPiece;
    private readonly BertBasicTokenizer _basic;
    private readonly string[] _vocabulary;

    private BertWordPieceTokenizer(BertTokenizer wordPiece, string[] vocabulary, bool doLowerCase, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        _wordPiece = wordPiece;
        _vocabulary = vocabulary;
        MaxLength = maxLength;
        DoLowerCase = doLowerCase;
        UnkId = wordPiece.UnknownTokenId;
        ClsId = wordPiece.ClassificationTokenId;
        SepId = wordPiece.SeparatorTokenId;
        PadId = wordPiece.PaddingTokenId;
        // HF's all_special_tokens, matched in the raw text with their exact case.
        _basic = new BertBasicTokenizer(doLowerCase,
        [
            new(UnknownToken, UnkId),
            new(SeparatorToken, SepId),
            new(PaddingToken, PadId),
            new(ClassificationToken, ClsId),
            new(MaskingToken, wordPiece.MaskingTokenId),
        ]);
    }

    public int MaxLength { get; }

    public bool DoLowerCase { get; }

    public int VocabularySize => _vocabulary.Length;

    public int PadId { get; }

    public int ClsId { get; }

    public int SepId { get; }

    public int UnkId { get; }

    /// <summary>Reads a BERT <c>vocab.txt</c> (one token per line, id = line number).</summary>
    public static BertWordPieceTokenizer FromVocabulary(byte[] vocabulary, bool doLowerCase, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        string[] tokens = ReadLines(vocabulary);
        using var stream = new MemoryStream(vocabulary, writable: false);
        var options = new BertOptions
        {
            // Our basic tokenizer has already cleaned, lower-cased, stripped accents, split punctuation and matched
            // special tokens; Microsoft's must only split on the spaces between our words and run WordPiece.
            ApplyBasicTokenization = false,
            SplitOnSpecialTokens = false,
            LowerCaseBeforeTokenization = false,
            RemoveNonSpacingMarks = false,
            IndividuallyTokenizeCjk = false,
            UnknownToken = UnknownToken,
            ClassificationToken = ClassificationToken,
            SeparatorToken = SeparatorToken,
            PaddingToken = PaddingToken,
            MaskingToken = MaskingToken,
            ContinuingSubwordPrefix = "##",
            // We enforce HF's limit in code points before this stage; Microsoft's counts UTF-16 units.
            MaxInputCharsPerWord = 4 * MaxInputCharsPerWord,
        };
        return new BertWordPieceTokenizer(BertTokenizer.Create(stream, options), tokens, doLowerCase, maxLength);
    }

    public static BertWordPieceTokenizer FromVocabulary(Stream vocabulary, bool doLowerCase, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        using var copy = new MemoryStream();
        vocabulary.CopyTo(copy);
        return FromVocabulary(copy.ToArray(), doLowerCase, maxLength);
    }

    public static BertWordPieceTokenizer FromFile(string path, bool doLowerCase, int maxLength) =>
        FromVocabulary(File.ReadAllBytes(path), doLowerCase, maxLength);

    public string IdToToken(int id)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(id, _vocabulary.Length);
        return _vocabulary[id];
    }

    public TokenizedInput Encode(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);

        BasicTokens basic = t_scratch ??= new BasicTokens();
        basic.Reset(MaxInputCharsPerWord, UnkId);
        // maxLength − 1 complete words give at least maxLength + 1 tokens with [CLS] and [SEP]: enough to fill the
        // result and to know it was cut. The untruncated count is then a lower bound (see UntruncatedLength).
        _basic.Tokenize(text, basic, wordLimit: maxLength - 1);
        try
        {
            return Encode(basic, maxLength);
        }
        finally
        {
            basic.Shrink(RetainedScratchCharacters);
        }
    }

    /// <summary>Characters the calling thread's scratch arrays hold now (tests check a large input leaves none behind).</summary>
    internal static int ScratchCapacity => t_scratch?.Capacity ?? 0;

    private TokenizedInput Encode(BasicTokens basic, int maxLength)
    {
        IReadOnlyList<int> pieces = basic.Text.IsEmpty
            ? []
            : _wordPiece.EncodeToIds(basic.Text, addSpecialTokens: false, considerPreTokenization: true, considerNormalization: false);

        int fixedCount = 0;
        foreach (BasicWord word in basic.Words)
        {
            fixedCount += word.NeedsWordPiece ? 0 : 1;
        }
        int untruncated = pieces.Count + fixedCount + 2;
        int length = Math.Min(untruncated, maxLength);
        var result = new TokenizedInput(new int[length], new (int Start, int End)[length], new bool[length], untruncated > length, untruncated);
        result.Ids[0] = ClsId;
        result.Special[0] = true;
        Fill(basic, pieces, result, length - 1);
        result.Ids[length - 1] = SepId;
        result.Special[length - 1] = true;
        return result;
    }

    /// <summary>Writes tokens 1 .. <paramref name="limit"/> − 1, mapping each word piece back to its input span.</summary>
    private void Fill(BasicTokens basic, IReadOnlyList<int> pieces, TokenizedInput result, int limit)
    {
        int position = 1;
        int next = 0;
        foreach (BasicWord word in basic.Words)
        {
            if (position >= limit)
            {
                return;
            }
            if (!word.NeedsWordPiece)
            {
                result.Ids[position] = word.FixedId;
                result.Offsets[position] = (word.OriginalStart, word.OriginalEnd);
                result.Special[position] = word.FixedId != UnkId;
                position++;
                continue;
            }
            int wordEnd = word.TextStart + word.TextLength;
            if (pieces[next] == UnkId)
            {
                // WordPiece gives one [UNK] for a word it cannot cover completely.
                result.Ids[position] = UnkId;
                result.Offsets[position++] = (basic.OriginalStart(word.TextStart), basic.OriginalEnd(wordEnd - 1));
                next++;
                continue;
            }
            for (int at = word.TextStart; at < wordEnd && position < limit;)
            {
                int id = pieces[next++];
                int pieceLength = _vocabulary[id].Length - (at == word.TextStart ? 0 : 2);
                if (pieceLength <= 0 || at + pieceLength > wordEnd)
                {
                    throw new InvalidOperationException($"WordPiece output does not cover the word '{basic.Text.Slice(word.TextStart, word.TextLength)}'.");
                }
                result.Ids[position] = id;
                result.Offsets[position++] = (basic.OriginalStart(at), basic.OriginalEnd(at + pieceLength - 1));
                at += pieceLength;
            }
        }
    }

    private static string[] ReadLines(byte[] vocabulary)
    {
        var tokens = new List<string>(32_000);
        using var reader = new StreamReader(new MemoryStream(vocabulary, writable: false), Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            tokens.Add(line);
        }
        return [.. tokens];
    }
}

using SimCse.Core.Tokenization;
using SimCse.Modeling.Tokenization;

namespace SimCse.Modeling.Tests.Tokenization;

/// <summary>
/// Hand-written cases; each expectation follows from HF's BasicTokenizer / WordpieceTokenizer rules (noted per case)
/// over the uncased MiniLM vocabulary, and was cross-checked with a Python transcription of those rules.
/// </summary>
public sealed class BertWordPieceTokenizerTests
{
    private static BertWordPieceTokenizer Tokenizer => PackagedVocabulary.Tokenizer;

    [Theory]
    // ASCII symbols are _is_punctuation (ranges 33-47, 58-64, 91-96, 123-126): each is its own token.
    [InlineData("$5", "$ 5")]
    [InlineData("a+b=c", "a + b = c")]
    [InlineData("x<y>z", "x < y > z")]
    [InlineData("^ | ~ `", "^ | ~ `")]
    [InlineData("snake_case", "snake _ case")]
    // Non-ASCII symbols (Sc, So) are not punctuation: they stay in the word, and "£5" is itself in the vocabulary.
    [InlineData("£5", "£5")]
    [InlineData("€ ™", "€ ™")]
    [InlineData("18m to £34m", "18 ##m to £3 ##4 ##m")]
    // Lower-case, NFD, drop Mn; precomposed and decomposed spellings agree.
    [InlineData("café", "cafe")]
    [InlineData("naïve", "naive")]
    [InlineData("Cafe\u0301", "cafe")]
    [InlineData("Héllo, Wörld!", "hello , world !")]
    [InlineData("İstanbul", "istanbul")]
    // Spacing marks (Mc) are kept, only the virama (Mn) goes.
    [InlineData("हिन्दी", "ह ##ि ##न ##द ##ी")]
    // Python's lower(): Σ is final ς at the end of a word (a following "." is case-ignorable).
    [InlineData("ΟΔΟΣ ΣΑΣ.", "ο ##δ ##ος σ ##α ##ς .")]
    // Each CJK ideograph is its own word; kana are not CJK ideographs.
    [InlineData("東京タワー", "東 京 タ ##ワ ##ー")]
    // An emoji is neither punctuation nor in the vocabulary: a word containing one is [UNK] whole.
    [InlineData("😀", "[UNK]")]
    [InlineData("hi😀", "[UNK]")]
    [InlineData("hi 😀", "hi [UNK]")]
    // _clean_text: \0, U+FFFD and C* characters vanish without splitting; \t \n \r and Zs become spaces.
    [InlineData("\u0000", "")]
    [InlineData("Treasury\u0012s", "treasury ##s")]
    [InlineData("co\u00ADop", "coop")]
    [InlineData("a\tb\nc\r\nd", "a b c d")]
    [InlineData("hello\u2028world", "hello world")]
    [InlineData("", "")]
    [InlineData("  \t\n\u00A0 ", "")]
    // Special tokens written in the text are matched with their exact case only, like HF's added-token trie.
    [InlineData("x [SEP] y [sep]", "x [SEP] y [ sep ]")]
    [InlineData("unaffable", "una ##ffa ##ble")]
    public void EncodesLikeHuggingFace(string text, string expected)
    {
        TokenizedInput encoded = Tokenizer.Encode(text, 64);

        Assert.Equal("[CLS] " + expected + (expected.Length > 0 ? " " : "") + "[SEP]", Render(encoded));
        Assert.False(encoded.Truncated);
        Assert.Equal(encoded.Length, encoded.UntruncatedLength);
    }

    [Fact]
    public void WordOverHundredCodePointsIsOneUnknown()
    {
        Assert.Equal("[CLS] [UNK] [SEP]", Render(Tokenizer.Encode(new string('a', 101), 64)));
        Assert.DoesNotContain(Tokenizer.UnkId, Tokenizer.Encode(new string('a', 100), 64).Ids);
        // The limit counts code points, as Python does (an emoji is one, though two UTF-16 units).
        Assert.Equal("[CLS] [UNK] x [SEP]", Render(Tokenizer.Encode(string.Concat(Enumerable.Repeat("😀", 101)) + " x", 64)));
        Assert.Equal("[CLS] [UNK] [SEP]", Render(Tokenizer.Encode(new string('b', 150), 64)));
    }

    [Fact]
    public void TruncatesToMaxLengthKeepingSeparatorLast()
    {
        const string text = "the quick brown fox jumps over the lazy dog again and again";
        TokenizedInput full = Tokenizer.Encode(text, 64);
        TokenizedInput cut = Tokenizer.Encode(text, 6);

        Assert.Equal(14, full.Length);
        Assert.Equal(6, cut.Length);
        Assert.True(cut.Truncated);
        Assert.True(cut.UntruncatedLength > 6);
        Assert.Equal("[CLS] the quick brown fox [SEP]", Render(cut));
        Assert.Equal(full.Ids[..5], cut.Ids[..5]);
        Assert.Equal(new[] { true, false, false, false, false, true }, cut.Special);
        Assert.Equal("[CLS] [SEP]", Render(Tokenizer.Encode(text, 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Tokenizer.Encode(text, 1));
    }

    [Theory]
    [InlineData("Héllo, Wörld!", new[] { "Héllo", ",", "Wörld", "!" })]
    [InlineData("Cafe\u0301 au lait", new[] { "Cafe\u0301", "au", "lai", "t" })]
    [InlineData("  unaffable\tİstanbul", new[] { "una", "ffa", "ble", "İstanbul" })]
    [InlineData("Treasury\u0012s 😀 $5 東京", new[] { "Treasury", "s", "😀", "$", "5", "東", "京" })]
    [InlineData("x [SEP] y", new[] { "x", "[SEP]", "y" })]
    public void OffsetsPointAtTheOriginalText(string text, string[] expected)
    {
        TokenizedInput encoded = Tokenizer.Encode(text, 64);

        Assert.Equal((0, 0), encoded.Offsets[0]);
        Assert.Equal((0, 0), encoded.Offsets[^1]);
        string[] spans = [.. encoded.Offsets[1..^1].Select(offset => text[offset.Start..offset.End])];
        Assert.Equal(expected, spans);
    }

    [Fact]
    public void ExposesVocabularyAndSpecialIds()
    {
        Assert.Equal(30522, Tokenizer.VocabularySize);
        Assert.Equal((0, 100, 101, 102), (Tokenizer.PadId, Tokenizer.UnkId, Tokenizer.ClsId, Tokenizer.SepId));
        Assert.Equal("[MASK]", Tokenizer.IdToToken(103));
        Assert.Equal(256, Tokenizer.MaxLength);
        Assert.Throws<ArgumentOutOfRangeException>(() => Tokenizer.IdToToken(30522));
    }

    [Fact]
    public void FromFileAndFromStreamMatchFromBytes()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, PackagedVocabulary.Bytes);
            var fromFile = BertWordPieceTokenizer.FromFile(path, doLowerCase: true, maxLength: 128);
            var fromStream = BertWordPieceTokenizer.FromVocabulary(new MemoryStream(PackagedVocabulary.Bytes), doLowerCase: true, maxLength: 128);
            const string text = "Naïve café owners charge $5 for snake_case lattes.";

            Assert.Equal(Tokenizer.Encode(text, 128).Ids, fromFile.Encode(text, 128).Ids);
            Assert.Equal(Tokenizer.Encode(text, 128).Ids, fromStream.Encode(text, 128).Ids);
            Assert.Equal(128, fromFile.MaxLength);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void CasedModeKeepsCaseAndAccents()
    {
        var cased = BertWordPieceTokenizer.FromVocabulary(PackagedVocabulary.Bytes, doLowerCase: false, maxLength: 64);

        // The uncased vocabulary has no "Hello" and no "é": both words are [UNK] when nothing is folded.
        Assert.Equal("[CLS] [UNK] , [UNK] [SEP]", Render(cased.Encode("Hello, café", 64)));
    }

    [Fact]
    public void IsThreadSafe()
    {
        string[] sentences = [.. ParitySentences.All.Take(2000)];
        int[][] sequential = [.. sentences.Select(sentence => Tokenizer.Encode(sentence, 128).Ids)];
        int[][] parallel = new int[sentences.Length][];

        Parallel.For(0, sentences.Length, i => parallel[i] = Tokenizer.Encode(sentences[i], 128).Ids);

        Assert.Equal(sequential, parallel);
    }

    private static string Render(TokenizedInput encoded) => string.Join(' ', encoded.Ids.Select(Tokenizer.IdToToken));
}

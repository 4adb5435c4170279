using System.Text;
using SimCse.Core.Tokenization;
using SimCse.Modeling.Tokenization;

namespace SimCse.Modeling.Tests.Tokenization;

/// <summary>
/// A huge input must cost what its kept prefix costs: tokenization stops once enough words exist for the max
/// length, the kept tokens are exactly those of the full tokenization, and no large scratch stays behind.
/// </summary>
public sealed class LargeInputTests
{
    private const int MaxLength = 256;

    private static BertWordPieceTokenizer Tokenizer => PackagedVocabulary.Tokenizer;

    public static TheoryData<string> Texts => new()
    {
        "the quick brown fox jumps over the lazy dog",
        "Naïve café owners charge $5 for snake_case lattes; ΟΔΟΣ ΣΑΣ. 東京タワー [SEP] unaffable",
        "supercalifragilisticexpialidocious " + new string('x', 150) + " hi😀 co\u00ADop",
        "a,b.c!d?e",
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void KeptTokensEqualTheFullTokenizationsPrefix(string sentence)
    {
        string huge = Repeat(sentence, 200_000);
        // The same text read to its end: each word of the reference is tokenized as part of a text with
        // no cut (a max length larger than its token count).
        string prefix = Repeat(sentence, 64 * MaxLength);
        TokenizedInput reference = Tokenizer.Encode(prefix, 100_000);

        TokenizedInput cut = Tokenizer.Encode(huge, MaxLength);

        Assert.False(reference.Truncated);
        Assert.True(cut.Truncated);
        Assert.Equal(MaxLength, cut.Length);
        Assert.True(cut.UntruncatedLength > MaxLength);
        Assert.Equal(reference.Ids[..(MaxLength - 1)], cut.Ids[..(MaxLength - 1)]);
        Assert.Equal(reference.Offsets[..(MaxLength - 1)], cut.Offsets[..(MaxLength - 1)]);
        Assert.Equal(Tokenizer.SepId, cut.Ids[^1]);
    }

    [Fact]
    public void AManyWordInputIsReadOnlyAsFarAsTheMaxLengthNeeds()
    {
        // 2 MB of one-token words: reading all of it would count ~400,000 tokens.
        string huge = Repeat("word", 2 * 1024 * 1024);

        TokenizedInput cut = Tokenizer.Encode(huge, MaxLength);

        Assert.True(cut.Truncated);
        Assert.InRange(cut.UntruncatedLength, MaxLength + 1, 2 * MaxLength);
    }

    [Fact]
    public void AShortInputStillCountsEveryToken()
    {
        TokenizedInput cut = Tokenizer.Encode("the quick brown fox jumps over the lazy dog", 6);

        Assert.True(cut.Truncated);
        Assert.Equal("[CLS] the quick brown fox [SEP]", string.Join(' ', cut.Ids.Select(Tokenizer.IdToToken)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void NoLargeScratchStaysBehindOnTheThread(bool oneWord)
    {
        // One 2 MB word (an [UNK]) or 2 MB of long words: neither may leave megabyte arrays on this thread.
        string huge = oneWord ? new string('a', 2 * 1024 * 1024) : Repeat(new string('b', 99), 2 * 1024 * 1024);

        TokenizedInput encoded = Tokenizer.Encode(huge, MaxLength);

        Assert.Equal(oneWord ? 3 : MaxLength, encoded.Length);
        Assert.Equal(oneWord, encoded.Ids[1] == Tokenizer.UnkId);
        Assert.InRange(BertWordPieceTokenizer.ScratchCapacity, 1, BertWordPieceTokenizer.RetainedScratchCharacters);
    }

    [Fact]
    public void AHugeWordKeepsItsFullSpan()
    {
        string huge = new string('a', 500_000) + " end";

        TokenizedInput encoded = Tokenizer.Encode(huge, MaxLength);

        Assert.Equal((0, 500_000), encoded.Offsets[1]);
        Assert.Equal("end", Tokenizer.IdToToken(encoded.Ids[2]));
    }

    private static string Repeat(string sentence, int minimumLength)
    {
        var builder = new StringBuilder(minimumLength + sentence.Length + 1);
        while (builder.Length < minimumLength)
        {
            builder.Append(sentence).Append(' ');
        }
        return builder.ToString();
    }
}

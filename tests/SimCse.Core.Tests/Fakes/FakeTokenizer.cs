using SimCse.Core.Tokenization;

namespace SimCse.Core.Tests.Fakes;

/// <summary>One token per character between [CLS]=101 and [SEP]=102.</summary>
public sealed class FakeTokenizer : ITextTokenizer
{
    public int MaxLength => 512;

    public TokenizedInput Encode(string text, int maxLength)
    {
        var ids = new[] { 101 }.Concat(text.Select(c => (int)c)).Append(102).ToArray();
        return Inputs.Of(ids);
    }

    public string IdToToken(int id) => ((char)id).ToString();
}

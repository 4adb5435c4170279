using SimCse.Core.Tokenization;

namespace SimCse.Core.Tests.Fakes;

/// <summary>Builds tokenized inputs without a real tokenizer.</summary>
public static class Inputs
{
    public static TokenizedInput Of(params int[] ids) =>
        new(ids, new (int, int)[ids.Length], new bool[ids.Length], false, ids.Length);

    /// <summary>An input of <paramref name="length"/> tokens whose ids start at <paramref name="firstId"/> (distinct ids make distinct vectors).</summary>
    public static TokenizedInput OfLength(int length, int firstId) =>
        Of(Enumerable.Range(firstId, length).ToArray());
}

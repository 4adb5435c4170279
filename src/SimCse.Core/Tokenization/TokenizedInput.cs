namespace SimCse.Core.Tokenization;

/// <summary>
/// One text after tokenization: ids with the model's special tokens already added ([CLS] ... [SEP]),
/// the character span of each token in the original text, and whether the text had to be cut to fit.
/// </summary>
/// <param name="Ids">Token ids, special tokens included.</param>
/// <param name="Offsets">Per id, the [Start, End) character range in the input; (0, 0) for special tokens.</param>
/// <param name="Special">Per id, whether it is a special token ([CLS], [SEP]).</param>
/// <param name="Truncated">True when tokens beyond the maximum length were dropped.</param>
/// <param name="UntruncatedLength">Token count (special tokens included) before truncation.</param>
public sealed record TokenizedInput(
    int[] Ids,
    (int Start, int End)[] Offsets,
    bool[] Special,
    bool Truncated,
    int UntruncatedLength)
{
    public int Length => Ids.Length;
}

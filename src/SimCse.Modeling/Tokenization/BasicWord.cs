namespace SimCse.Modeling.Tokenization;

/// <summary>
/// One word of the basic (pre-)tokenization. Ordinary words live in <see cref="BasicTokens.Text"/> at
/// [<see cref="TextStart"/>, +<see cref="TextLength"/>) and still need WordPiece; a word with a
/// <see cref="FixedId"/> (a special token written in the text, or a word over the length limit that is [UNK]
/// whole) does not, and spans [<see cref="OriginalStart"/>, <see cref="OriginalEnd"/>) of the input.
/// </summary>
internal readonly record struct BasicWord(int TextStart, int TextLength, int FixedId, int OriginalStart, int OriginalEnd)
{
    public const int NoFixedId = -1;

    public bool NeedsWordPiece => FixedId == NoFixedId;
}

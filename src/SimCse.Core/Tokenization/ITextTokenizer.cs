namespace SimCse.Core.Tokenization;

/// <summary>Turns text into model input ids. Thread-safe: called on request threads, never on the model thread.</summary>
public interface ITextTokenizer
{
    /// <summary>Largest number of tokens (special tokens included) the model accepts.</summary>
    int MaxLength { get; }

    /// <summary>Tokenizes <paramref name="text"/>, truncating to <paramref name="maxLength"/> tokens (special tokens included).</summary>
    TokenizedInput Encode(string text, int maxLength);

    /// <summary>The vocabulary string of a token id (for the tokenize endpoint).</summary>
    string IdToToken(int id);
}

using SimCse.Core.Tokenization;

namespace SimCse.Core.Models;

/// <summary>
/// A loaded sentence-embedding model. Not thread-safe: exactly one thread (the model thread) calls
/// <see cref="Embed"/>; the tokenizer may be used from any thread.
/// </summary>
public interface IEmbeddingModel : IDisposable
{
    /// <summary>Stable model id, e.g. <c>all-MiniLM-L6-v2</c> or <c>ft:arctic-embed-xs:job-1:step-200</c>.</summary>
    string Id { get; }

    /// <summary>Embedding width.</summary>
    int Dimensions { get; }

    ITextTokenizer Tokenizer { get; }

    /// <summary>Runs one forward pass over a batch and returns one L2-normalised vector per input, in input order.</summary>
    float[][] Embed(IReadOnlyList<TokenizedInput> batch);
}

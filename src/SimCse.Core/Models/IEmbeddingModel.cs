using SimCse.Core.Tokenization;

namespace SimCse.Core.Models;

/// <summary>
/// A loaded sentence-embedding model. The runtime calls <see cref="Embed(IReadOnlyList{TokenizedInput})"/>
/// from the model thread and, when it runs several forward passes at once (<c>ForwardLanes</c>), from its
/// lane threads too, never for a swap or dispose at the same time; the tokenizer may be used from any thread.
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

    /// <summary>
    /// The same forward pass while <paramref name="concurrentPasses"/> − 1 other passes run beside it on
    /// other threads: a model with its own thread pool should use only its share of the cores. The default
    /// ignores the hint.
    /// </summary>
    float[][] Embed(IReadOnlyList<TokenizedInput> batch, int concurrentPasses) => Embed(batch);
}

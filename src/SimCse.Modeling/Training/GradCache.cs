using SimCse.Core.Tokenization;
using static TorchSharp.torch;

namespace SimCse.Modeling.Training;

/// <summary>
/// One optimisation step's forward and backward, optionally with GradCache (Gao et al. 2021): the batch's
/// embeddings are first computed in mini-batches without a graph, the loss and its gradient with respect
/// to the embeddings are computed on the full batch, then each mini-batch is re-embedded with a graph and
/// the cached gradient is back-propagated through it. Memory then scales with the mini-batch, while the
/// gradient equals the full-batch one. The random state is captured before each mini-batch's first pass
/// and restored before its second, so dropout draws the same masks in both passes (without that, the
/// gradient would belong to different dropout noise than the loss that produced it).
/// </summary>
public sealed class GradCache
{
    private readonly Func<IReadOnlyList<TokenizedInput>, Tensor> _embed;

    /// <param name="embed">Embeds one mini-batch ([rows, d], float32), with a graph when grad mode is on.</param>
    /// <param name="miniBatchSize">Rows per mini-batch; null runs every group in one pass with a graph (no caching).</param>
    public GradCache(Func<IReadOnlyList<TokenizedInput>, Tensor> embed, int? miniBatchSize)
    {
        ArgumentNullException.ThrowIfNull(embed);
        if (miniBatchSize is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(miniBatchSize), "mini_batch_size must be positive.");
        }
        _embed = embed;
        MiniBatchSize = miniBatchSize;
    }

    public int? MiniBatchSize { get; }

    /// <summary>Replays the random state in the second pass. Only the test that shows why it matters turns it off.</summary>
    internal bool ReplayRandomState { get; set; } = true;

    /// <summary>Embeds each group, computes the loss and accumulates parameter gradients (does not step or zero them).</summary>
    /// <param name="groups">The texts to embed, e.g. [sentences, sentences] (unsupervised) or [anchors, positives, negatives].</param>
    /// <param name="loss">The scalar loss from each group's embeddings, in <paramref name="groups"/> order.</param>
    /// <returns>The loss value.</returns>
    public double Step(IReadOnlyList<IReadOnlyList<TokenizedInput>> groups, Func<IReadOnlyList<Tensor>, Tensor> loss)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(loss);
        return MiniBatchSize is { } size && groups.Any(group => group.Count > size)
            ? CachedStep(groups, loss, size)
            : FullGraphStep(groups, loss, MiniBatchSize ?? int.MaxValue);
    }

    /// <summary>The reference: every mini-batch embedded with a graph, one backward through the whole loss.</summary>
    internal double FullGraphStep(IReadOnlyList<IReadOnlyList<TokenizedInput>> groups, Func<IReadOnlyList<Tensor>, Tensor> loss, int chunkSize)
    {
        using var scope = NewDisposeScope();
        var embeddings = groups.Select(group => cat(Chunks(group, chunkSize).Select(chunk => _embed(chunk)).ToList(), 0)).ToList();
        Tensor value = loss(embeddings);
        value.backward();
        return value.item<float>();
    }

    private double CachedStep(IReadOnlyList<IReadOnlyList<TokenizedInput>> groups, Func<IReadOnlyList<Tensor>, Tensor> loss, int chunkSize)
    {
        using var scope = NewDisposeScope();
        var chunks = groups.Select(group => Chunks(group, chunkSize).ToList()).ToList();
        var states = new List<List<Tensor>>();
        var cached = new List<Tensor>();

        // Pass 1: embeddings only, no graph; remember the random state each mini-batch started from.
        using (no_grad())
        {
            foreach (var groupChunks in chunks)
            {
                var groupStates = new List<Tensor>();
                var parts = new List<Tensor>();
                foreach (var chunk in groupChunks)
                {
                    groupStates.Add(get_rng_state());
                    parts.Add(_embed(chunk));
                }
                states.Add(groupStates);
                cached.Add(cat(parts, 0).detach().requires_grad_(true));
            }
        }

        // The loss on the full batch and its gradient with respect to the (leaf) embeddings.
        Tensor value = loss(cached);
        value.backward();
        Tensor afterFirstPass = get_rng_state();

        // Pass 2: re-embed each mini-batch with a graph under the same random state and push the cached gradient through it.
        for (int g = 0; g < chunks.Count; g++)
        {
            Tensor gradient = cached[g].grad ?? throw new InvalidOperationException($"The loss does not depend on group {g}.");
            long offset = 0;
            for (int c = 0; c < chunks[g].Count; c++)
            {
                using var chunkScope = NewDisposeScope();
                if (ReplayRandomState)
                {
                    set_rng_state(states[g][c]);
                }
                Tensor embedded = _embed(chunks[g][c]);
                long rows = embedded.shape[0];
                embedded.mul(gradient.narrow(0, offset, rows)).sum().backward();
                offset += rows;
            }
        }
        // Leave the generator where a full-graph step would have left it, so later steps draw fresh masks.
        set_rng_state(afterFirstPass);
        return value.item<float>();
    }

    private static IEnumerable<IReadOnlyList<TokenizedInput>> Chunks(IReadOnlyList<TokenizedInput> group, int size)
    {
        for (int start = 0; start < group.Count; start += size)
        {
            yield return group.Skip(start).Take(size).ToList();
        }
    }
}

using SimCse.Core.Tokenization;
using SimCse.Modeling.Bert;
using SimCse.Modeling.Encoders;
using SimCse.Modeling.Pooling;
using SimCse.Modeling.Training;
using SimCse.Modeling.Training.Losses;
using static TorchSharp.torch;

namespace SimCse.Modeling.Tests.Training;

[Collection(TorchRandomStateGroup.Name)]
public sealed class GradCacheTests : IDisposable
{
    private readonly SingleTorchThread _threads = new();

    private const int MiniBatch = 3;

    [Fact]
    public void Cached_gradients_equal_full_batch_gradients_with_dropout_on()
    {
        using BertModel model = TinyTrainingData.TrainableModel();
        GradCache cache = NewCache(model);
        (double referenceLoss, Dictionary<string, Tensor> reference) = Gradients(model, () => cache.FullGraphStep(Groups(), UnsupervisedLoss, MiniBatch));
        (double cachedLoss, Dictionary<string, Tensor> cached) = Gradients(model, () => cache.Step(Groups(), UnsupervisedLoss));

        Assert.Equal(referenceLoss, cachedLoss, 5);
        Assert.True(MaxAbsDifference(reference, cached) <= 1e-5, $"max |Δgrad| = {MaxAbsDifference(reference, cached):E2}");
        Assert.True(reference.Values.Any(grad => grad.abs().max().item<float>() > 1e-4), "gradients are not trivially zero");
    }

    /// <summary>Shows why the random state is replayed: with fresh masks in the second pass the gradients no longer match.</summary>
    [Fact]
    public void Without_random_state_replay_the_gradients_differ()
    {
        using BertModel model = TinyTrainingData.TrainableModel();
        GradCache cache = NewCache(model);
        (_, Dictionary<string, Tensor> reference) = Gradients(model, () => cache.FullGraphStep(Groups(), UnsupervisedLoss, MiniBatch));
        cache.ReplayRandomState = false;
        (_, Dictionary<string, Tensor> cached) = Gradients(model, () => cache.Step(Groups(), UnsupervisedLoss));

        Assert.True(MaxAbsDifference(reference, cached) > 1e-4, $"max |Δgrad| = {MaxAbsDifference(reference, cached):E2}");
    }

    [Fact]
    public void Supervised_triplets_with_cached_gradients_equal_full_batch_gradients()
    {
        using BertModel model = TinyTrainingData.TrainableModel();
        GradCache cache = NewCache(model);
        var loss = new InfoNceLoss(hardNegativeWeight: 0.5);
        var sentences = TinyTrainingData.Sentences;
        IReadOnlyList<IReadOnlyList<TokenizedInput>> groups =
            [TinyTrainingData.Tokens(sentences[..5]), TinyTrainingData.Tokens(sentences[5..10]), TinyTrainingData.Tokens(sentences[10..])];
        Tensor Loss(IReadOnlyList<Tensor> e) => loss.Compute(e[0], e[1], e[2], [0L, 3L]);
        (_, Dictionary<string, Tensor> reference) = Gradients(model, () => cache.FullGraphStep(groups, Loss, MiniBatch));
        (_, Dictionary<string, Tensor> cached) = Gradients(model, () => cache.Step(groups, Loss));

        Assert.True(MaxAbsDifference(reference, cached) <= 1e-5, $"max |Δgrad| = {MaxAbsDifference(reference, cached):E2}");
    }

    private static GradCache NewCache(BertModel model) => new(chunk =>
    {
        using var scope = NewDisposeScope();
        (Tensor ids, Tensor mask) = PaddedBatch.Create(chunk, 0, CPU);
        return SentencePooling.Pool(model.forward(ids, mask), mask, PoolingMode.Mean).MoveToOuterDisposeScope();
    }, MiniBatch);

    private static IReadOnlyList<IReadOnlyList<TokenizedInput>> Groups()
    {
        List<TokenizedInput> tokens = TinyTrainingData.Tokens(TinyTrainingData.Sentences[..8]);
        return [tokens, tokens];
    }

    private static Tensor UnsupervisedLoss(IReadOnlyList<Tensor> views) => new InfoNceLoss().Compute(views[0], views[1]);

    /// <summary>Runs one backward from the same seed and returns the loss and a copy of every parameter's gradient.</summary>
    private static (double Loss, Dictionary<string, Tensor> Gradients) Gradients(BertModel model, Func<double> step)
    {
        model.zero_grad();
        manual_seed(11);
        double loss = step();
        var gradients = model.named_parameters()
            .Where(p => p.parameter.grad is not null)
            .ToDictionary(p => p.name, p => p.parameter.grad!.clone().DetachFromDisposeScope());
        return (loss, gradients);
    }

    private static double MaxAbsDifference(Dictionary<string, Tensor> a, Dictionary<string, Tensor> b)
    {
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        return a.Keys.Max(key => (double)a[key].sub(b[key]).abs().max().item<float>());
    }

    public void Dispose() => _threads.Dispose();
}

using SimCse.Modeling.Bert;
using SimCse.Modeling.Loading;
using static TorchSharp.torch;

namespace SimCse.Modeling.Tests.Bert;

/// <summary>The pooler head runs only when asked for: only <c>cls</c> pooling reads it.</summary>
public sealed class BertModelPoolerTests
{
    [Fact]
    public void ThePoolerRunsOnlyWhenAskedFor()
    {
        using var scope = NewDisposeScope();
        ModelArtifacts artifacts = TinyBert.Create(withPooler: true);
        using var model = new BertModel(artifacts.Config, withPooler: true);
        BertWeights.Load(model, artifacts.Weights);
        model.eval();
        using var inference = inference_mode();
        Tensor ids = tensor(new long[] { 2, 5, 7, 3 }, [1, 4]);
        Tensor mask = ones_like(ids);

        BertModelOutput pooled = model.forward(ids, mask);
        BertModelOutput unpooled = model.forward(ids, mask, withPooler: false);

        Assert.NotNull(pooled.PoolerOutput);
        Assert.Null(unpooled.PoolerOutput);
        Assert.True(pooled.LastHiddenState.allclose(unpooled.LastHiddenState));
    }
}

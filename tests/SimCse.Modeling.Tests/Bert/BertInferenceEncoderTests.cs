using SimCse.Modeling.Bert;
using SimCse.Modeling.Loading;
using SimCse.Modeling.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace SimCse.Modeling.Tests.Bert;

/// <summary>The frozen inference encoder computes what the plain HF-shaped modules compute.</summary>
public sealed class BertInferenceEncoderTests
{
    // Rows of different lengths (so the mask matters) and a batch without padding (so the mask-free path runs).
    // Both have more than 16 token positions that are not a multiple of the GEMM row bucket (24 → 32, 20 → 32), so
    // the padded GEMM rows are exercised too.
    private static readonly long[][] PaddedIds = [[2, 5, 7, 9, 10, 5, 11, 3], [2, 12, 13, 14, 3, 0, 0, 0], [2, 8, 3, 0, 0, 0, 0, 0]];
    private static readonly long[][] UnpaddedIds = [[2, 5, 7, 9, 3], [2, 12, 13, 14, 3], [2, 9, 8, 7, 3], [2, 6, 6, 6, 3]];

    public static TheoryData<LinearKernel, AttentionKernel, bool> Float32Cases => new()
    {
        { LinearKernel.Eager, AttentionKernel.Sdpa, true },
        { LinearKernel.Eager, AttentionKernel.Sdpa, false },
        { LinearKernel.Eager, AttentionKernel.MatMulSoftmax, true },
        { LinearKernel.Eager, AttentionKernel.MatMulSoftmax, false },
        { LinearKernel.OneDnnPacked, AttentionKernel.Sdpa, true },
        { LinearKernel.OneDnnPacked, AttentionKernel.Sdpa, false },
    };

    [Theory]
    [MemberData(nameof(Float32Cases))]
    public void Float32FrozenEncoderMatchesModulesOnRealTokens(LinearKernel kernel, AttentionKernel attention, bool padded)
    {
        using BertModel model = Load(ScalarType.Float32);
        long[][] ids = padded ? PaddedIds : UnpaddedIds;
        (Tensor plainFirst, Tensor plainLast, Tensor mask) = Forward(model, ids);
        model.FreezeForInference(kernel, attention);
        (Tensor frozenFirst, Tensor frozenLast, _) = Forward(model, ids);

        Assert.Equal(kernel, model.InferenceKernel);
        Assert.True(MaxDifferenceOnRealTokens(plainFirst, frozenFirst, mask) < 1e-5);
        Assert.True(MaxDifferenceOnRealTokens(plainLast, frozenLast, mask) < 1e-5);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Bfloat16OneDnnPackedEncoderMatchesBfloat16Modules(bool padded)
    {
        using BertModel model = Load(ScalarType.BFloat16);
        long[][] ids = padded ? PaddedIds : UnpaddedIds;
        (_, Tensor plainLast, Tensor mask) = Forward(model, ids);
        model.FreezeForInference(LinearKernel.OneDnnPacked, AttentionKernel.Sdpa);
        (_, Tensor frozenLast, _) = Forward(model, ids);

        // Both are bf16 computations that round differently (fused epilogues, blocked GEMMs): compare per token by cosine.
        using var scope = NewDisposeScope();
        Tensor cosine = nn.functional.cosine_similarity(plainLast.to(ScalarType.Float32), frozenLast.to(ScalarType.Float32), dim: 2);
        double lowest = cosine.masked_select(mask.to(ScalarType.Bool)).min().item<float>();
        Assert.True(lowest > 0.999, $"lowest token cosine {lowest}");
    }

    [Fact]
    public void TrainingForwardUsesTheModulesSoGradientsFlow()
    {
        using BertModel model = Load(ScalarType.Float32);
        model.FreezeForInference(LinearKernel.Eager, AttentionKernel.Sdpa);
        model.train();
        using var scope = NewDisposeScope();
        (Tensor ids, Tensor mask) = Batch(UnpaddedIds);

        Tensor last = model.forward(ids, mask).LastHiddenState;

        Assert.True(last.requires_grad);
    }

    [Fact]
    public void FreezingKeepsTheHuggingFaceStateDict()
    {
        ModelArtifacts artifacts = TinyBert.Create();
        using BertModel model = Load(ScalarType.Float32, artifacts);
        model.FreezeForInference(LinearKernel.Eager, AttentionKernel.Sdpa);

        Assert.Equal(artifacts.Weights.Keys.Order(), model.state_dict().Keys.Order());
        Assert.All(artifacts.Weights, pair => Assert.True(pair.Value.Bytes.AsSpan().SequenceEqual(BertWeights.Export(model)[pair.Key].Bytes), pair.Key));
    }

    private static BertModel Load(ScalarType dtype, ModelArtifacts? artifacts = null)
    {
        artifacts ??= TinyBert.Create();
        var model = new BertModel(artifacts.Config, withPooler: true);
        BertWeights.Load(model, artifacts.Weights);
        model.to(dtype);
        model.eval();
        return model;
    }

    private static (Tensor Ids, Tensor Mask) Batch(long[][] rows)
    {
        long[] flat = rows.SelectMany(row => row).ToArray();
        Tensor ids = tensor(flat, [rows.Length, rows[0].Length]);
        return (ids, ids.ne(0).to(ScalarType.Int64));
    }

    private static (Tensor First, Tensor Last, Tensor Mask) Forward(BertModel model, long[][] rows)
    {
        using var inference = inference_mode();
        (Tensor ids, Tensor mask) = Batch(rows);
        BertModelOutput output = model.forward(ids, mask);
        return (output.FirstLayerHiddenState.to(ScalarType.Float32), output.LastHiddenState.to(ScalarType.Float32), mask);
    }

    // Padding positions' states are never used (pooling masks them) and differ by construction.
    private static double MaxDifferenceOnRealTokens(Tensor expected, Tensor actual, Tensor mask) =>
        (expected - actual).abs().mul(mask.unsqueeze(-1)).max().item<float>();
}

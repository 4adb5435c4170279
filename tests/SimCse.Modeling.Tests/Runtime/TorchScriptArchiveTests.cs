using SimCse.Modeling.Runtime;
using static TorchSharp.torch;

namespace SimCse.Modeling.Tests.Runtime;

public sealed class TorchScriptArchiveTests
{
    private const string Source = """
class Probe(Module):
  __parameters__ = []
  __buffers__ = []
  training : bool
  def through_ops(self, x: Tensor) -> Tensor:
    return ops.aten.relu(x) * 2.0
  def packed_linear(self, x: Tensor, w: Tensor, b: Tensor) -> Tensor:
    return ops.mkldnn._linear_pointwise(x, ops.mkldnn._reorder_linear_weight(w, None), b, "none", [], "")

""";

    [Fact]
    public void SourceCallingOpsNamespacesLoadsAndRuns()
    {
        using jit.ScriptModule module = TorchScriptArchive.Load("Probe", Source);
        using Tensor input = tensor(new float[] { -1, 0.5f, 3 });

        using Tensor output = module.invoke<Tensor>("through_ops", input);

        Assert.Equal(new float[] { 0, 1, 6 }, output.data<float>().ToArray());
    }

    [Fact]
    public void OneDnnPackedLinearEqualsLinearInBfloat16()
    {
        using jit.ScriptModule module = TorchScriptArchive.Load("Probe", Source);
        using var scope = NewDisposeScope();
        manual_seed(3);
        Tensor x = randn(5, 16).to(ScalarType.BFloat16);
        Tensor w = randn(8, 16).to(ScalarType.BFloat16);
        Tensor b = randn(8).to(ScalarType.BFloat16);

        Tensor packed = module.invoke<Tensor>("packed_linear", x, w, b).to(ScalarType.Float32);
        Tensor plain = nn.functional.linear(x, w, b).to(ScalarType.Float32);

        Assert.True(packed.allclose(plain, rtol: 2e-2, atol: 5e-2));
    }
}

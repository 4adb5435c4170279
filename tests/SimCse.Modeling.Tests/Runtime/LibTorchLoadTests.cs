using static TorchSharp.torch;

namespace SimCse.Modeling.Tests.Runtime;

/// <summary>Proves the native libtorch stack loads on this host (see build/WeakenGlibcxxVersionNeed.cs) and computes.</summary>
public sealed class LibTorchLoadTests
{
    [Fact]
    public void MatrixProductIsComputedByLibTorch()
    {
        using Tensor a = tensor(new float[] { 1, 2, 3, 4 }, new long[] { 2, 2 });
        using Tensor b = tensor(new float[] { 5, 6, 7, 8 }, new long[] { 2, 2 });
        using Tensor product = a.matmul(b);

        Assert.Equal(new float[] { 19, 22, 43, 50 }, product.data<float>().ToArray());
    }
}

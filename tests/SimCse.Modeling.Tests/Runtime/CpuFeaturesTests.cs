using SimCse.Modeling.Runtime;

namespace SimCse.Modeling.Tests.Runtime;

public sealed class CpuFeaturesTests
{
    [Theory]
    [InlineData("Intel(R) Xeon(R) Platinum 8480+", "fpu avx2 avx512f avx512_bf16 amx_bf16 amx_tile amx_int8", true, "avx512_bf16, amx_bf16")]
    [InlineData("AMD EPYC 9R14", "fpu avx2 avx512f avx512_bf16 avx512_vnni", true, "avx512_bf16")]
    [InlineData("Intel(R) Xeon(R) CPU E5-2686 v4", "fpu avx2 fma", false, "none")]
    public void NativeBf16ComesFromTheFlags(string name, string flags, bool native, string support)
    {
        string cpuinfo = $"processor\t: 0\nvendor_id\t: x\nmodel name\t: {name}\nflags\t\t: {flags}\n\nprocessor\t: 1\nmodel name\t: other\nflags\t\t: fpu\n";

        CpuFeatures features = CpuFeatures.Parse(cpuinfo);

        Assert.Equal(name, features.Name);
        Assert.Equal(native, features.HasNativeBf16);
        Assert.Equal(support, features.Bf16Support);
    }

    [Fact]
    public void MissingCpuinfoMeansNoBf16()
    {
        CpuFeatures features = CpuFeatures.Parse("");

        Assert.False(features.HasNativeBf16);
        Assert.Equal("unknown", features.Name);
    }
}

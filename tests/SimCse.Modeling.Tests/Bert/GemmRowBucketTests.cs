using SimCse.Modeling.Bert;
using SimCse.Modeling.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace SimCse.Modeling.Tests.Bert;

/// <summary>
/// The oneDNN kernels pad a pass's token rows up to a bucket, because oneDNN caches one primitive (JIT code and
/// scratchpad) per GEMM shape: with every row count its own shape, a serving process under mixed batches grew by
/// hundreds of MiB. The buckets must be few, waste little and be whole AMX tiles (16 rows).
/// </summary>
public sealed class GemmRowBucketTests
{
    [Fact]
    public void RowBucketsAreFewAndWasteAtMostAnEighth()
    {
        using jit.ScriptModule kernels = TorchScriptArchive.Load(BertInferenceKernels.ClassName, BertInferenceKernels.Source);
        var buckets = new HashSet<long>();
        for (long rows = 1; rows <= 8192; rows++)
        {
            long padded = PaddedRows(kernels, rows);
            Assert.True(padded >= rows, $"{rows} rows padded to {padded}");
            Assert.True(rows <= 16 ? padded == rows : padded - rows <= Math.Max(15, rows / 8), $"{rows} rows padded to {padded}");
            Assert.True(rows <= 16 || padded % 16 == 0, $"{rows} rows padded to {padded}, not whole 16-row tiles");
            buckets.Add(padded);
        }

        // 16 exact sizes, multiples of 16 up to 256 (15 more), then 8 buckets per doubling up to 8192 (40 more).
        Assert.InRange(buckets.Count, 16, 16 + 15 + 8 * 5);
    }

    [Fact]
    public void PaddedRowsAreStableForTheSameCount()
    {
        using jit.ScriptModule kernels = TorchScriptArchive.Load(BertInferenceKernels.ClassName, BertInferenceKernels.Source);

        Assert.Equal(448, PaddedRows(kernels, 420));
        Assert.Equal(PaddedRows(kernels, 421), PaddedRows(kernels, 447));
        Assert.Equal(16, PaddedRows(kernels, 16));
        Assert.Equal(32, PaddedRows(kernels, 17));
    }

    private static long PaddedRows(jit.ScriptModule kernels, long rows)
    {
        using Scalar count = rows;
        using var padded = (Scalar)kernels.invoke(BertInferenceKernels.PaddedRowsMethod, count)!;
        return padded.ToInt64();
    }
}

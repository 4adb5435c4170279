namespace SimCse.Modeling.Runtime;

/// <summary>How the fused inference encoder runs its Linear layers.</summary>
public enum LinearKernel
{
    /// <summary><c>aten::linear</c> on plain weights: any device and dtype (oneMKL sgemm for float32 on CPU).</summary>
    Eager,

    /// <summary>
    /// oneDNN matmul on weights reordered once into its blocked layout (<c>mkldnn::_reorder_linear_weight</c>),
    /// with GELU and the residual add fused into the GEMM (<c>mkldnn::_linear_pointwise</c>). CPU only.
    /// </summary>
    OneDnnPacked,
}

namespace SimCse.Modeling.Runtime;

/// <summary>How the fused inference encoder computes attention.</summary>
public enum AttentionKernel
{
    /// <summary><c>aten::scaled_dot_product_attention</c> (libtorch picks flash / math per device and dtype).</summary>
    Sdpa,

    /// <summary>Two batched matmuls around a float32 softmax: cheaper than CPU flash attention for short sequences.</summary>
    MatMulSoftmax,
}

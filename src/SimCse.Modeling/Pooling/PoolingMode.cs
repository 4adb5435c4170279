namespace SimCse.Modeling.Pooling;

/// <summary>How token states become one sentence vector (the SimCSE / sentence-transformers variants).</summary>
public enum PoolingMode
{
    /// <summary>The pooler output: [CLS] state through dense + tanh (SimCSE "cls").</summary>
    Cls,

    /// <summary>The raw [CLS] state of the last layer (SimCSE "cls_before_pooler", sentence-transformers CLS pooling).</summary>
    ClsBeforePooler,

    /// <summary>Attention-masked mean of the last layer's token states.</summary>
    Mean,

    /// <summary>Masked mean of the average of the first and last layers' token states (SimCSE "avg_first_last").</summary>
    FirstLastAvg,
}

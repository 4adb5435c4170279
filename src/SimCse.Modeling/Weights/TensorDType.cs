namespace SimCse.Modeling.Weights;

/// <summary>Element types a weight file may hold, named as safetensors names them.</summary>
public enum TensorDType
{
    F32,
    F16,
    BF16,
    I64,
}

using SimCse.Modeling.Weights;

namespace SimCse.Modeling.Safetensors;

/// <summary>What a safetensors file holds: its tensors and the free-form <c>__metadata__</c> string map (empty when absent).</summary>
public sealed record SafetensorsContent(
    IReadOnlyDictionary<string, TensorData> Tensors,
    IReadOnlyDictionary<string, string> Metadata);

using SimCse.Modeling.Weights;

namespace SimCse.Modeling.Onnx;

/// <summary>
/// Everything read from an ONNX BERT export: HF-named float32 weights (no <c>bert.</c> prefix), the structure they
/// imply, and the graph's input and output names (what a reference run through ONNX Runtime must feed and read).
/// </summary>
public sealed record OnnxBertImport(
    IReadOnlyDictionary<string, TensorData> Weights,
    OnnxBertStructure Structure,
    IReadOnlyList<string> InputNames,
    IReadOnlyList<string> OutputNames);

using SimCse.Modeling.Weights;

namespace SimCse.Modeling.Onnx;

/// <summary>
/// Turns a PyTorch ONNX export of a BERT encoder (such as the packaged all-MiniLM-L6-v2 and arctic-embed-xs
/// models) back into Hugging Face BertModel weights, float32, named without the <c>bert.</c> prefix. The result is
/// verified to be exactly one complete BertModel state dict: anything ambiguous, missing, duplicated or left
/// over is an error naming the tensors involved, never a silently wrong model.
/// </summary>
public static class OnnxBertWeightImporter
{
    /// <summary>The HF-named weights only; see <see cref="ImportModel"/> for the structure and graph I/O names.</summary>
    public static IReadOnlyDictionary<string, TensorData> Import(byte[] onnx) => ImportModel(onnx).Weights;

    public static OnnxBertImport ImportModel(byte[] onnx)
    {
        ArgumentNullException.ThrowIfNull(onnx);
        OnnxGraph graph = OnnxModelReader.Read(onnx);
        var constants = new OnnxGraphConstants(graph);
        var weights = new Dictionary<string, TensorData>(StringComparer.Ordinal);
        foreach (OnnxWeightSource source in OnnxWeightMapper.Map(graph, constants))
        {
            weights.Add(source.HfName, ToFloat32(source));
        }
        OnnxBertStructure structure = BertWeightLayout.InferAndVerify(
            weights, hidden => AttentionHeadCounter.Find(graph, constants, hidden));
        return new OnnxBertImport(weights, structure, graph.InputNames, graph.OutputNames);
    }

    private static TensorData ToFloat32(OnnxWeightSource source)
    {
        float[] values = source.Tensor.ToFloats();
        long[] dims = source.Tensor.Dims;
        if (!source.Transpose)
        {
            return TensorData.FromFloats([.. dims], values);
        }
        // Stored [in, out] for MatMul; HF's Linear keeps [out, in].
        int rows = checked((int)dims[0]);
        int columns = checked((int)dims[1]);
        var transposed = new float[values.Length];
        for (int row = 0; row < rows; row++)
        {
            for (int column = 0; column < columns; column++)
            {
                transposed[(column * rows) + row] = values[(row * columns) + column];
            }
        }
        return TensorData.FromFloats([columns, rows], transposed);
    }
}

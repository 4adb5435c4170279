namespace SimCse.Modeling.Onnx;

/// <summary>
/// Reads the attention head count from the graph, since no weight shape holds it: BertSelfAttention reshapes
/// [batch, seq, hidden] to [batch, seq, heads, head_dim], and the exporter builds that shape with a Concat (or
/// a constant) whose last two entries are constants with heads × head_dim = hidden.
/// </summary>
internal static class AttentionHeadCounter
{
    /// <summary>The head count every such Reshape agrees on; null when none is found or they disagree.</summary>
    public static int? Find(OnnxGraph graph, OnnxGraphConstants constants, int hiddenSize)
    {
        var producers = new Dictionary<string, OnnxNode>(StringComparer.Ordinal);
        foreach (OnnxNode node in graph.Nodes)
        {
            foreach (string output in node.Outputs)
            {
                producers[output] = node;
            }
        }
        var counts = new HashSet<long>();
        foreach (OnnxNode reshape in graph.Nodes.Where(node => node.OpType == "Reshape" && node.Inputs.Count >= 2))
        {
            long?[]? shape = ResolveShape(reshape.Inputs[1], constants, producers);
            if (shape is [_, _, long heads, long headDim] && heads > 0 && headDim > 0 && heads * headDim == hiddenSize)
            {
                counts.Add(heads);
            }
        }
        return counts.Count == 1 ? checked((int)counts.Single()) : null;
    }

    /// <summary>The shape's entries where known: a constant shape, or a Concat of pieces that may be dynamic.</summary>
    private static long?[]? ResolveShape(string name, OnnxGraphConstants constants, Dictionary<string, OnnxNode> producers)
    {
        if (constants.FindInts(name) is long[] values)
        {
            return [.. values.Select(value => (long?)value)];
        }
        if (!producers.TryGetValue(name, out OnnxNode? concat) || concat.OpType != "Concat")
        {
            return null;
        }
        var entries = new List<long?>();
        foreach (string input in concat.Inputs)
        {
            // A dynamic piece (Unsqueeze of a Shape/Gather) is one entry of unknown value.
            entries.AddRange(constants.FindInts(input) is long[] piece ? piece.Select(value => (long?)value) : [null]);
        }
        return [.. entries];
    }
}

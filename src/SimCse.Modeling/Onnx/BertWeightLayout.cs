using System.Globalization;
using SimCse.Modeling.Weights;

namespace SimCse.Modeling.Onnx;

/// <summary>
/// The tensors an HF BertModel state dict holds for a given size, and the check that a set of imported weights
/// is exactly that set with the right shapes.
/// </summary>
internal static class BertWeightLayout
{
    private const string WordEmbeddings = "embeddings.word_embeddings.weight";
    private const string PositionEmbeddings = "embeddings.position_embeddings.weight";
    private const string TokenTypeEmbeddings = "embeddings.token_type_embeddings.weight";
    private const string LayerPrefix = "encoder.layer.";

    /// <summary>Infers the structure from the weight shapes and verifies every tensor against it.</summary>
    public static OnnxBertStructure InferAndVerify(IReadOnlyDictionary<string, TensorData> weights, Func<int, int?> attentionHeads)
    {
        long[] word = Require(weights, WordEmbeddings, rank: 2);
        int hidden = checked((int)word[1]);
        int layers = CountLayers(weights.Keys);
        int intermediate = layers > 0 ? checked((int)Require(weights, LayerPrefix + "0.intermediate.dense.weight", rank: 2)[0]) : 0;
        bool hasPooler = weights.Keys.Any(name => name.StartsWith("pooler.", StringComparison.Ordinal));
        var structure = new OnnxBertStructure(
            VocabSize: checked((int)word[0]),
            HiddenSize: hidden,
            NumHiddenLayers: layers,
            IntermediateSize: intermediate,
            MaxPositionEmbeddings: checked((int)Require(weights, PositionEmbeddings, rank: 2)[0]),
            TypeVocabSize: checked((int)Require(weights, TokenTypeEmbeddings, rank: 2)[0]),
            HasPooler: hasPooler,
            NumAttentionHeads: attentionHeads(hidden));
        Verify(weights, Expected(structure));
        return structure;
    }

    /// <summary>Every tensor name and shape of an HF BertModel of this structure.</summary>
    public static Dictionary<string, long[]> Expected(OnnxBertStructure structure)
    {
        long hidden = structure.HiddenSize;
        long intermediate = structure.IntermediateSize;
        var expected = new Dictionary<string, long[]>(StringComparer.Ordinal)
        {
            [WordEmbeddings] = [structure.VocabSize, hidden],
            [PositionEmbeddings] = [structure.MaxPositionEmbeddings, hidden],
            [TokenTypeEmbeddings] = [structure.TypeVocabSize, hidden],
            ["embeddings.LayerNorm.weight"] = [hidden],
            ["embeddings.LayerNorm.bias"] = [hidden],
        };
        for (int layer = 0; layer < structure.NumHiddenLayers; layer++)
        {
            string prefix = LayerPrefix + layer.ToString(CultureInfo.InvariantCulture) + ".";
            foreach (string projection in new[] { "attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense" })
            {
                AddLinear(expected, prefix + projection, hidden, hidden);
            }
            AddLinear(expected, prefix + "intermediate.dense", intermediate, hidden);
            AddLinear(expected, prefix + "output.dense", hidden, intermediate);
            expected[prefix + "attention.output.LayerNorm.weight"] = [hidden];
            expected[prefix + "attention.output.LayerNorm.bias"] = [hidden];
            expected[prefix + "output.LayerNorm.weight"] = [hidden];
            expected[prefix + "output.LayerNorm.bias"] = [hidden];
        }
        if (structure.HasPooler)
        {
            AddLinear(expected, "pooler.dense", hidden, hidden);
        }
        return expected;
    }

    private static void AddLinear(Dictionary<string, long[]> expected, string prefix, long outFeatures, long inFeatures)
    {
        expected[prefix + ".weight"] = [outFeatures, inFeatures];
        expected[prefix + ".bias"] = [outFeatures];
    }

    private static void Verify(IReadOnlyDictionary<string, TensorData> weights, Dictionary<string, long[]> expected)
    {
        var problems = new List<string>();
        List<string> missing = [.. expected.Keys.Where(name => !weights.ContainsKey(name)).Order(StringComparer.Ordinal)];
        if (missing.Count > 0)
        {
            problems.Add("missing: " + string.Join(", ", missing));
        }
        List<string> unexpected = [.. weights.Keys.Where(name => !expected.ContainsKey(name)).Order(StringComparer.Ordinal)];
        if (unexpected.Count > 0)
        {
            problems.Add("unexpected: " + string.Join(", ", unexpected));
        }
        foreach ((string name, long[] shape) in expected.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (weights.TryGetValue(name, out TensorData? tensor) && !tensor.Shape.SequenceEqual(shape))
            {
                problems.Add($"{name} has shape {Format(tensor.Shape)}, expected {Format(shape)}");
            }
        }
        if (problems.Count > 0)
        {
            throw new InvalidDataException("ONNX export is not a complete HF BertModel:\n  " + string.Join("\n  ", problems));
        }
    }

    /// <summary>Layers are numbered from 0; the highest index present sets the count and gaps show up as missing tensors.</summary>
    private static int CountLayers(IEnumerable<string> names)
    {
        int count = 0;
        foreach (string name in names.Where(name => name.StartsWith(LayerPrefix, StringComparison.Ordinal)))
        {
            string index = name[LayerPrefix.Length..].Split('.')[0];
            if (!int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out int layer))
            {
                throw new InvalidDataException($"ONNX weight '{name}' has no numeric layer index.");
            }
            count = Math.Max(count, layer + 1);
        }
        return count;
    }

    private static long[] Require(IReadOnlyDictionary<string, TensorData> weights, string name, int rank)
    {
        if (!weights.TryGetValue(name, out TensorData? tensor))
        {
            throw new InvalidDataException($"ONNX export has no '{name}'; cannot infer the BERT structure.");
        }
        if (tensor.Shape.Length != rank)
        {
            throw new InvalidDataException($"ONNX weight '{name}' has shape {Format(tensor.Shape)}; expected rank {rank}.");
        }
        return tensor.Shape;
    }

    private static string Format(long[] shape) => "[" + string.Join(", ", shape) + "]";
}

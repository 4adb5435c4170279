using System.Globalization;

namespace SimCse.Modeling.Tests.Onnx;

/// <summary>
/// Builds a tiny BERT graph the way torch.onnx exports one: named embeddings, LayerNorms and biases, Linear
/// weights as numbered [in, out] initializers feeding MatMul → Add(bias). Only the parts the importer reads
/// are present; the graph would not run.
/// </summary>
internal sealed class TinyOnnxModel
{
    public const int Vocab = 10;
    public const int Hidden = 4;
    public const int Intermediate = 8;
    public const int Positions = 6;
    public const int Heads = 2;

    private readonly List<Action<ProtoWriter>> _graph = [];
    private int _nextNumber = 100;

    public TinyOnnxModel(int layers = 1, bool pooler = false, string prefix = "")
    {
        Prefix = prefix;
        Named("embeddings.word_embeddings.weight", [Vocab, Hidden]);
        Named("embeddings.position_embeddings.weight", [Positions, Hidden]);
        Named("embeddings.token_type_embeddings.weight", [2, Hidden]);
        Named("embeddings.LayerNorm.weight", [Hidden]);
        Named("embeddings.LayerNorm.bias", [Hidden]);
        Int64Initializer("embeddings.position_ids", [1, Positions], [.. Enumerable.Range(0, Positions).Select(index => (long)index)]);
        for (int layer = 0; layer < layers; layer++)
        {
            string p = "encoder.layer." + layer.ToString(CultureInfo.InvariantCulture) + ".";
            foreach (string projection in new[] { "attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense" })
            {
                Linear(p + projection, Hidden, Hidden);
            }
            Linear(p + "intermediate.dense", Intermediate, Hidden);
            Linear(p + "output.dense", Hidden, Intermediate);
            foreach (string norm in new[] { "attention.output.LayerNorm", "output.LayerNorm" })
            {
                Named(p + norm + ".weight", [Hidden]);
                Named(p + norm + ".bias", [Hidden]);
            }
        }
        if (pooler)
        {
            Named("pooler.dense.weight", [Hidden, Hidden]);
            Named("pooler.dense.bias", [Hidden]);
            Node("Gemm", ["pooled_in", Prefix + "pooler.dense.weight", Prefix + "pooler.dense.bias"], ["pooled"],
                node => node.Message(5, attribute => attribute.String(1, "transB").Varint(3, 1).Varint(20, 2)));
        }
        // The attention reshape, as torch 2.x exports it: Concat(dynamic, dynamic, Constant heads, Constant head_dim).
        ConstantInt64("heads", Heads);
        ConstantInt64("head_dim", Hidden / Heads);
        Node("Concat", ["batch", "sequence", "heads", "head_dim"], ["shape"]);
        Node("Reshape", ["projected", "shape"], ["split"]);
        _graph.Add(graph => graph.Message(11, input => input.String(1, "input_ids")));
        _graph.Add(graph => graph.Message(12, output => output.String(1, "last_hidden_state")));
    }

    public string Prefix { get; }

    /// <summary>The value HF's Linear weight holds at [row, column], distinct everywhere so a transpose shows.</summary>
    public static float WeightValue(int row, int column) => (row * 100) + column;

    /// <summary>Adds a Linear as torch exports it: weight transposed into a numbered initializer, MatMul, Add(bias, product).</summary>
    public TinyOnnxModel Linear(string name, int outFeatures, int inFeatures, string? biasName = null)
    {
        string weight = NextNumberedName();
        var stored = new float[inFeatures * outFeatures];
        for (int row = 0; row < outFeatures; row++)
        {
            for (int column = 0; column < inFeatures; column++)
            {
                stored[(column * outFeatures) + row] = WeightValue(row, column);
            }
        }
        FloatInitializer(weight, [inFeatures, outFeatures], stored);
        string bias = Prefix + (biasName ?? name + ".bias");
        if (biasName is null)
        {
            FloatInitializer(bias, [outFeatures], Enumerable.Range(0, outFeatures).Select(index => (float)index).ToArray());
        }
        Node("MatMul", [name + "_in", weight], [weight + "_product"]);
        Node("Add", [bias, weight + "_product"], [weight + "_sum"]);
        return this;
    }

    public TinyOnnxModel MatMulWithoutBias(string weight)
    {
        FloatInitializer(weight, [Hidden, Hidden], new float[Hidden * Hidden]);
        Node("MatMul", ["x", weight], [weight + "_product"]);
        Node("Relu", [weight + "_product"], [weight + "_relu"]);
        return this;
    }

    public TinyOnnxModel Named(string name, long[] shape) =>
        FloatInitializer(Prefix + name, shape, new float[shape.Aggregate(1L, (product, dimension) => product * dimension)]);

    public TinyOnnxModel FloatInitializer(string name, long[] shape, float[] values)
    {
        byte[] raw = new byte[values.Length * sizeof(float)];
        Buffer.BlockCopy(values, 0, raw, 0, raw.Length);
        _graph.Add(graph => graph.Message(5, tensor => tensor.PackedVarints(1, shape).Varint(2, 1).String(8, name).Bytes(9, raw)));
        return this;
    }

    /// <summary>An initializer written the other legal way: unpacked dims and float_data instead of raw_data.</summary>
    public TinyOnnxModel FloatDataInitializer(string name, long[] shape, float[] values)
    {
        _graph.Add(graph => graph.Message(5, tensor =>
        {
            foreach (long dimension in shape)
            {
                tensor.Varint(1, dimension);
            }
            tensor.Varint(2, 1).String(8, name);
            foreach (float value in values)
            {
                tensor.Fixed32(4, value);
            }
        }));
        return this;
    }

    public TinyOnnxModel Node(string opType, string[] inputs, string[] outputs, Action<ProtoWriter>? extra = null)
    {
        string name = opType + "_" + NextNumberedName();
        _graph.Add(graph => graph.Message(1, node =>
        {
            foreach (string input in inputs)
            {
                node.String(1, input);
            }
            foreach (string output in outputs)
            {
                node.String(2, output);
            }
            node.String(3, name).String(4, opType);
            extra?.Invoke(node);
        }));
        return this;
    }

    public byte[] ToBytes()
    {
        var model = new ProtoWriter()
            .Varint(1, 8)
            .String(2, "pytorch")
            .Fixed64(99, 0x1234) // an unknown fixed64 field the reader must skip
            .Message(7, graph =>
            {
                graph.String(2, "tiny");
                foreach (Action<ProtoWriter> part in _graph)
                {
                    part(graph);
                }
                graph.Fixed32(98, 1.5f); // an unknown fixed32 field inside the graph
            })
            .Message(8, opset => opset.Varint(2, 17));
        return model.ToArray();
    }

    private void Int64Initializer(string name, long[] shape, long[] values) =>
        _graph.Add(graph => graph.Message(5, tensor => tensor.PackedVarints(1, shape).Varint(2, 7).String(8, Prefix + name).PackedVarints(7, values)));

    private void ConstantInt64(string output, long value) =>
        Node("Constant", [], [output], node => node.Message(5, attribute => attribute
            .String(1, "value")
            .Message(5, tensor => tensor.PackedVarints(1, [1]).Varint(2, 7).PackedVarints(7, [value]))
            .Varint(20, 4)));

    private string NextNumberedName() => "onnx::MatMul_" + (_nextNumber++).ToString(CultureInfo.InvariantCulture);
}

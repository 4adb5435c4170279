using SimCse.Modeling.Bert;
using SimCse.Modeling.Weights;
using static TorchSharp.torch;

namespace SimCse.Modeling.Loading;

/// <summary>
/// Moves weights between a <see cref="BertModel"/> and named <see cref="TensorData"/>, strictly: every
/// model tensor must be supplied exactly once with its exact shape, and nothing else may be.
/// </summary>
public static class BertWeights
{
    private const string HuggingFacePrefix = "bert.";

    // HF checkpoints from older transformers versions save this constant buffer; it carries no weights.
    private const string PositionIdsBuffer = "embeddings.position_ids";

    /// <summary>Whether a weight set includes the pooler (so the model should be built with one).</summary>
    public static bool HasPooler(IReadOnlyDictionary<string, TensorData> weights) =>
        weights.Keys.Any(name => StripPrefix(name).StartsWith("pooler.", StringComparison.Ordinal));

    /// <summary>Copies <paramref name="weights"/> into <paramref name="model"/> (keys with or without <c>bert.</c>).</summary>
    /// <exception cref="InvalidDataException">Lists every missing, unexpected and mis-shaped tensor.</exception>
    public static void Load(BertModel model, IReadOnlyDictionary<string, TensorData> weights)
    {
        var supplied = new Dictionary<string, TensorData>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach ((string name, TensorData data) in weights)
        {
            string key = StripPrefix(name);
            if (key == PositionIdsBuffer)
            {
                continue;
            }
            if (!supplied.TryAdd(key, data))
            {
                problems.Add($"duplicate tensor '{key}' (given with and without the '{HuggingFacePrefix}' prefix)");
            }
        }

        Dictionary<string, Tensor> parameters = model.state_dict();
        problems.AddRange(parameters.Keys.Where(key => !supplied.ContainsKey(key)).Order().Select(key => $"missing tensor '{key}'"));
        problems.AddRange(supplied.Keys.Where(key => !parameters.ContainsKey(key)).Order().Select(key => $"unexpected tensor '{key}'"));
        foreach ((string key, Tensor parameter) in parameters)
        {
            if (supplied.TryGetValue(key, out TensorData? data) && !data.Shape.SequenceEqual(parameter.shape))
            {
                problems.Add($"tensor '{key}' has shape [{string.Join(", ", data.Shape)}], the model expects [{string.Join(", ", parameter.shape)}]");
            }
        }
        if (problems.Count > 0)
        {
            throw new InvalidDataException("Weights do not match the model: " + string.Join("; ", problems) + ".");
        }

        using var noGrad = no_grad();
        foreach ((string key, Tensor parameter) in parameters)
        {
            using var scope = NewDisposeScope();
            parameter.copy_(ToTensor(supplied[key]));
        }
    }

    /// <summary>The model's weights as float32 tensors named like HF's <c>BertModel</c> state dict (no prefix).</summary>
    public static Dictionary<string, TensorData> Export(BertModel model)
    {
        var result = new Dictionary<string, TensorData>(StringComparer.Ordinal);
        foreach ((string key, Tensor parameter) in model.state_dict())
        {
            using var scope = NewDisposeScope();
            Tensor values = parameter.detach().to(ScalarType.Float32).cpu().contiguous();
            result[key] = TensorData.FromFloats(values.shape, values.data<float>().ToArray());
        }
        return result;
    }

    /// <summary>A CPU tensor with the data's own dtype; <c>copy_</c> converts it to the parameter's dtype and device.</summary>
    public static Tensor ToTensor(TensorData data)
    {
        ScalarType type = data.DType switch
        {
            TensorDType.F32 => ScalarType.Float32,
            TensorDType.F16 => ScalarType.Float16,
            TensorDType.BF16 => ScalarType.BFloat16,
            TensorDType.I64 => ScalarType.Int64,
            _ => throw new InvalidDataException($"Unsupported dtype {data.DType}."),
        };
        Tensor result = empty(data.Shape, type);
        result.bytes = data.Bytes;
        return result;
    }

    private static string StripPrefix(string name) =>
        name.StartsWith(HuggingFacePrefix, StringComparison.Ordinal) ? name[HuggingFacePrefix.Length..] : name;
}

namespace SimCse.Modeling.Onnx;

/// <summary>
/// Decides which HF name each float constant of an exported BERT graph carries. Named constants (embeddings,
/// LayerNorms, biases, the pooler) carry their own name. PyTorch's exporter renames the Linear weights that it
/// turns into MatMul (pre-transposed to [in, out]) to numbers, so those are named after the bias of the Add that
/// consumes the MatMul's output: <c>...query.bias</c> implies <c>...query.weight</c>.
/// </summary>
internal static class OnnxWeightMapper
{
    private const string ExportPrefix = "bert.";

    /// <summary>Strips the <c>bert.</c> prefix a BertModel-inside-a-head export carries; null when not an HF BERT name.</summary>
    public static string? ToHfName(string name)
    {
        string stripped = name.StartsWith(ExportPrefix, StringComparison.Ordinal) ? name[ExportPrefix.Length..] : name;
        return stripped.StartsWith("embeddings.", StringComparison.Ordinal)
            || stripped.StartsWith("encoder.layer.", StringComparison.Ordinal)
            || stripped.StartsWith("pooler.", StringComparison.Ordinal)
            ? stripped
            : null;
    }

    public static List<OnnxWeightSource> Map(OnnxGraph graph, OnnxGraphConstants constants)
    {
        var consumers = graph.Nodes
            .SelectMany(node => node.Inputs.Select(input => (input, node)))
            .ToLookup(pair => pair.input, pair => pair.node, StringComparer.Ordinal);

        var sources = new List<OnnxWeightSource>();
        var errors = new List<string>();
        // Projection weights already reported as unnameable are not listed again as leftovers.
        var unnamed = new HashSet<string>(StringComparer.Ordinal);
        foreach (OnnxNode node in graph.Nodes)
        {
            if (node.OpType is "MatMul" or "Gemm" && node.Inputs.Count >= 2
                && constants.Find(node.Inputs[1]) is { IsFloatingPoint: true, Dims.Length: 2 } weight)
            {
                OnnxWeightSource? source = node.OpType == "MatMul"
                    ? FromMatMul(node, weight, consumers, constants, errors)
                    : FromGemm(node, weight, constants, errors);
                if (source is not null)
                {
                    sources.Add(source);
                }
                else
                {
                    unnamed.Add(weight.Name);
                }
            }
        }

        // Named float constants not consumed as a MatMul/Gemm weight are stored as HF stores them.
        var viaProjection = sources.Select(source => source.Tensor.Name).ToHashSet(StringComparer.Ordinal);
        foreach (OnnxTensor tensor in constants.All.Where(tensor => tensor.IsFloatingPoint && !viaProjection.Contains(tensor.Name)))
        {
            if (ToHfName(tensor.Name) is string hfName)
            {
                sources.Add(new OnnxWeightSource(tensor, hfName, Transpose: false, "named initializer"));
            }
        }

        CheckOneToOne(sources, errors);
        CheckNothingLeftOver(constants, sources, unnamed, errors);
        if (errors.Count > 0)
        {
            throw new InvalidDataException("ONNX BERT weights could not be mapped to HF names:\n  " + string.Join("\n  ", errors));
        }
        return sources;
    }

    private static OnnxWeightSource? FromMatMul(OnnxNode node, OnnxTensor weight, ILookup<string, OnnxNode> consumers,
        OnnxGraphConstants constants, List<string> errors)
    {
        // MatMul computes x · W, so W is [in, out]: HF's Linear weight [out, in] transposed.
        if (ToHfName(weight.Name) is string ownName)
        {
            return new OnnxWeightSource(weight, ownName, Transpose: true, $"MatMul '{node.Name}'");
        }
        List<OnnxNode> next = [.. consumers[node.Outputs[0]]];
        string? biasName = next.Count == 1 && next[0].OpType == "Add"
            ? next[0].Inputs.Select(input => constants.Find(input) is { IsFloatingPoint: true } ? ToHfName(input) : null)
                .SingleOrDefault(name => name is not null && name.EndsWith(".bias", StringComparison.Ordinal))
            : null;
        if (biasName is null)
        {
            errors.Add($"MatMul weight '{weight.Name}' [{string.Join(", ", weight.Dims)}] (node '{node.Name}') does not feed a single Add with a named bias, so its HF name is unknown.");
            return null;
        }
        return new OnnxWeightSource(weight, WeightNameFor(biasName), Transpose: true, $"MatMul '{node.Name}' + Add bias '{biasName}'");
    }

    private static OnnxWeightSource? FromGemm(OnnxNode node, OnnxTensor weight, OnnxGraphConstants constants, List<string> errors)
    {
        if (node.FindAttribute("transA")?.Int is long transA && transA != 0)
        {
            errors.Add($"Gemm '{node.Name}' transposes its input (transA={transA}); not a Linear layer export.");
            return null;
        }
        // Gemm computes x · op(B); with transB=1 (torch's choice for Linear) B is already HF's [out, in].
        bool transpose = (node.FindAttribute("transB")?.Int ?? 0) == 0;
        string? name = ToHfName(weight.Name)
            ?? (node.Inputs.Count >= 3 && constants.Find(node.Inputs[2]) is { IsFloatingPoint: true } && ToHfName(node.Inputs[2]) is string bias
                && bias.EndsWith(".bias", StringComparison.Ordinal)
                ? WeightNameFor(bias)
                : null);
        if (name is null)
        {
            errors.Add($"Gemm weight '{weight.Name}' [{string.Join(", ", weight.Dims)}] (node '{node.Name}') has no HF name and no named bias.");
            return null;
        }
        return new OnnxWeightSource(weight, name, transpose, $"Gemm '{node.Name}'");
    }

    private static string WeightNameFor(string biasName) => biasName[..^".bias".Length] + ".weight";

    private static void CheckOneToOne(List<OnnxWeightSource> sources, List<string> errors)
    {
        foreach (var group in sources.GroupBy(source => source.Tensor.Name, StringComparer.Ordinal).Where(group => group.Count() > 1))
        {
            errors.Add($"Constant '{group.Key}' is used as more than one weight: {string.Join("; ", group.Select(source => $"{source.HfName} via {source.Evidence}"))}.");
        }
        foreach (var group in sources.GroupBy(source => source.HfName, StringComparer.Ordinal).Where(group => group.Count() > 1))
        {
            errors.Add($"HF weight '{group.Key}' would come from several constants: {string.Join("; ", group.Select(source => $"'{source.Tensor.Name}' via {source.Evidence}"))}.");
        }
    }

    /// <summary>
    /// The leftover rule: constants that are not floating point (int64 shape constants, the position_ids
    /// buffer) and float constants with at most one element (attention scale, LayerNorm epsilon, GELU's
    /// 0.5 and sqrt(2)) are graph arithmetic, not weights. Any other unmapped float constant is a weight we
    /// would silently drop, so it is an error.
    /// </summary>
    private static void CheckNothingLeftOver(OnnxGraphConstants constants, List<OnnxWeightSource> sources, HashSet<string> unnamed, List<string> errors)
    {
        var mapped = sources.Select(source => source.Tensor.Name).ToHashSet(StringComparer.Ordinal);
        mapped.UnionWith(unnamed);
        List<string> leftovers = [.. constants.All
            .Where(tensor => tensor.IsFloatingPoint && tensor.ElementCount > 1 && !mapped.Contains(tensor.Name))
            .Select(tensor => $"'{tensor.Name}' [{string.Join(", ", tensor.Dims)}]")];
        if (leftovers.Count > 0)
        {
            errors.Add($"Float constants that look like weights but map to no HF name: {string.Join(", ", leftovers)}.");
        }
    }
}

using System.Text.Json;
using SimCse.Modeling.Bert;
using SimCse.Modeling.Pooling;
using SimCse.Modeling.Safetensors;

namespace SimCse.Modeling.Loading;

/// <summary>
/// Reads a Hugging Face BERT folder (config.json, vocab.txt, tokenizer_config.json, model.safetensors),
/// honouring sentence-transformers' pooling and max length files and our simcse.json manifest.
/// </summary>
public static class ModelFolderReader
{
    public static (ModelArtifacts Artifacts, ModelManifest? Manifest) Read(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Model folder '{folder}' does not exist.");
        }
        ModelManifest? manifest = ReadManifest(folder);
        if (manifest is not null)
        {
            FileHashes.Verify(folder, manifest);
        }

        BertConfig config = BertConfig.Parse(File.ReadAllText(RequireFile(folder, "config.json")));
        byte[] vocabulary = File.ReadAllBytes(RequireFile(folder, "vocab.txt"));
        var weights = SafetensorsFile.Read(RequireFile(folder, "model.safetensors")).Tensors;
        bool hasPooler = BertWeights.HasPooler(weights);

        var artifacts = new ModelArtifacts(
            config,
            vocabulary,
            ReadDoLowerCase(folder),
            manifest is not null ? PoolingModeNames.Parse(manifest.Pooling) : ReadSentenceTransformersPooling(folder) ?? (hasPooler ? PoolingMode.Cls : PoolingMode.Mean),
            manifest?.MaxSeqLength ?? ReadSentenceTransformersMaxLength(folder) ?? config.MaxPositionEmbeddings,
            weights);
        artifacts.Validate();
        return (artifacts, manifest);
    }

    private static ModelManifest? ReadManifest(string folder)
    {
        string path = Path.Combine(folder, ModelManifest.FileName);
        return File.Exists(path) ? ModelManifest.Parse(File.ReadAllText(path)) : null;
    }

    private static string RequireFile(string folder, string name)
    {
        string path = Path.Combine(folder, name);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Model folder '{folder}' has no {name}.", path);
    }

    /// <summary>HF's BertTokenizer lower-cases unless told otherwise.</summary>
    private static bool ReadDoLowerCase(string folder)
    {
        using JsonDocument? document = ReadJson(Path.Combine(folder, "tokenizer_config.json"));
        return document is null
            || !document.RootElement.TryGetProperty("do_lower_case", out JsonElement value)
            || value.ValueKind != JsonValueKind.False;
    }

    private static int? ReadSentenceTransformersMaxLength(string folder)
    {
        using JsonDocument? document = ReadJson(Path.Combine(folder, "sentence_bert_config.json"));
        return document is not null && document.RootElement.TryGetProperty("max_seq_length", out JsonElement value) && value.ValueKind == JsonValueKind.Number
            ? value.GetInt32()
            : null;
    }

    /// <summary>The pooling of the folder's sentence-transformers Pooling module, found through modules.json.</summary>
    private static PoolingMode? ReadSentenceTransformersPooling(string folder)
    {
        using JsonDocument? modules = ReadJson(Path.Combine(folder, "modules.json"));
        if (modules is null)
        {
            return null;
        }
        string? poolingPath = modules.RootElement.EnumerateArray()
            .Where(module => module.TryGetProperty("type", out JsonElement type) && type.GetString()?.EndsWith(".Pooling", StringComparison.Ordinal) == true)
            .Select(module => module.GetProperty("path").GetString())
            .FirstOrDefault();
        if (poolingPath is null)
        {
            return null;
        }
        using JsonDocument pooling = ReadJson(Path.Combine(folder, poolingPath, "config.json"))
            ?? throw new InvalidDataException($"modules.json names a Pooling module at '{poolingPath}' without a config.json.");
        JsonElement root = pooling.RootElement;
        bool Flag(string name) => root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.True;
        string[] unsupported = ["pooling_mode_max_tokens", "pooling_mode_mean_sqrt_len_tokens", "pooling_mode_weightedmean_tokens", "pooling_mode_lasttoken"];
        string? other = unsupported.FirstOrDefault(Flag);
        if (other is not null)
        {
            throw new InvalidDataException($"sentence-transformers pooling '{other}' is not supported (cls or mean only).");
        }
        return (Flag("pooling_mode_cls_token"), Flag("pooling_mode_mean_tokens")) switch
        {
            (true, false) => PoolingMode.ClsBeforePooler,
            (false, true) => PoolingMode.Mean,
            _ => throw new InvalidDataException($"{poolingPath}/config.json must enable exactly one of pooling_mode_cls_token and pooling_mode_mean_tokens."),
        };
    }

    private static JsonDocument? ReadJson(string path) =>
        File.Exists(path) ? JsonDocument.Parse(File.ReadAllText(path)) : null;
}

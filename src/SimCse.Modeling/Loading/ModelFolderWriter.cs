using System.Text.Json;
using System.Text.Json.Nodes;
using SimCse.Modeling.Pooling;
using SimCse.Modeling.Safetensors;

namespace SimCse.Modeling.Loading;

/// <summary>
/// Writes <see cref="ModelArtifacts"/> as a Hugging Face folder that <c>transformers</c> and
/// sentence-transformers can load, plus <c>simcse.json</c>. The folder is assembled under a temporary
/// name, flushed to disk and renamed into place, so a crash never leaves a half-written model under the
/// final name.
/// </summary>
public static class ModelFolderWriter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes the folder and returns its manifest.</summary>
    /// <exception cref="IOException">The target already exists.</exception>
    public static ModelManifest Write(ModelArtifacts artifacts, string targetFolder, string modelId, string? baseModel, JsonObject? training = null)
    {
        artifacts.Validate();
        string target = Path.GetFullPath(targetFolder);
        if (Directory.Exists(target))
        {
            throw new IOException($"Model folder '{target}' already exists.");
        }
        string parent = Path.GetDirectoryName(target) ?? throw new ArgumentException("Target folder has no parent.", nameof(targetFolder));
        Directory.CreateDirectory(parent);
        string temporary = Path.Combine(parent, $".{Path.GetFileName(target)}.tmp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temporary);
        try
        {
            WriteText(temporary, "config.json", artifacts.Config.ToJson());
            WriteBytes(temporary, "vocab.txt", artifacts.Vocabulary);
            WriteText(temporary, "tokenizer_config.json", TokenizerConfig(artifacts));
            SafetensorsFile.Write(Path.Combine(temporary, "model.safetensors"), artifacts.Weights, new Dictionary<string, string> { ["format"] = "pt" });
            WriteSentenceTransformersFiles(temporary, artifacts);

            var manifest = new ModelManifest
            {
                ModelId = modelId,
                BaseModel = baseModel,
                Pooling = PoolingModeNames.ToName(artifacts.Pooling),
                MaxSeqLength = artifacts.MaxLength,
                Created = DateTimeOffset.UtcNow,
                Files = FileHashes.HashFolder(temporary),
                Training = training,
            };
            WriteText(temporary, ModelManifest.FileName, manifest.ToJson());
            Directory.Move(temporary, target);
            return manifest;
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static string TokenizerConfig(ModelArtifacts artifacts) => new JsonObject
    {
        ["tokenizer_class"] = "BertTokenizer",
        ["do_lower_case"] = artifacts.DoLowerCase,
        ["model_max_length"] = artifacts.MaxLength,
        ["unk_token"] = "[UNK]",
        ["sep_token"] = "[SEP]",
        ["pad_token"] = "[PAD]",
        ["cls_token"] = "[CLS]",
        ["mask_token"] = "[MASK]",
    }.ToJsonString(Indented);

    /// <summary>sentence-transformers can express raw-[CLS] and mean pooling; for the others the folder stays plain HF.</summary>
    private static void WriteSentenceTransformersFiles(string folder, ModelArtifacts artifacts)
    {
        if (artifacts.Pooling is not (PoolingMode.Mean or PoolingMode.ClsBeforePooler))
        {
            return;
        }
        var modules = new JsonArray
        {
            new JsonObject { ["idx"] = 0, ["name"] = "0", ["path"] = "", ["type"] = "sentence_transformers.models.Transformer" },
            new JsonObject { ["idx"] = 1, ["name"] = "1", ["path"] = "1_Pooling", ["type"] = "sentence_transformers.models.Pooling" },
            new JsonObject { ["idx"] = 2, ["name"] = "2", ["path"] = "2_Normalize", ["type"] = "sentence_transformers.models.Normalize" },
        };
        WriteText(folder, "modules.json", modules.ToJsonString(Indented));
        WriteText(folder, "sentence_bert_config.json", new JsonObject
        {
            ["max_seq_length"] = artifacts.MaxLength,
            ["do_lower_case"] = false,
        }.ToJsonString(Indented));
        WriteText(folder, "1_Pooling/config.json", new JsonObject
        {
            ["word_embedding_dimension"] = artifacts.Config.HiddenSize,
            ["pooling_mode_cls_token"] = artifacts.Pooling == PoolingMode.ClsBeforePooler,
            ["pooling_mode_mean_tokens"] = artifacts.Pooling == PoolingMode.Mean,
            ["pooling_mode_max_tokens"] = false,
            ["pooling_mode_mean_sqrt_len_tokens"] = false,
        }.ToJsonString(Indented));
        Directory.CreateDirectory(Path.Combine(folder, "2_Normalize"));
    }

    private static void WriteText(string folder, string relativePath, string text) =>
        WriteBytes(folder, relativePath, System.Text.Encoding.UTF8.GetBytes(text + "\n"));

    /// <summary>Writes and flushes to the device, so the rename publishes complete files.</summary>
    private static void WriteBytes(string folder, string relativePath, byte[] bytes)
    {
        string path = Path.Combine(folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temporary folder is ignored by readers (it has a dotted .tmp- name).
        }
    }
}

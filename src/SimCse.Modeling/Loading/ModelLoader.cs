using SimCse.Modeling.Bert;
using SimCse.Modeling.Encoders;
using SimCse.Modeling.Packaging;
using SimCse.Modeling.Runtime;
using SimCse.Modeling.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace SimCse.Modeling.Loading;

/// <summary>Builds ready-to-serve <see cref="SentenceEncoder"/>s from folders, packaged models or in-memory artifacts.</summary>
public static class ModelLoader
{
    /// <summary>The <c>DType</c> value that lets the loader choose (see <see cref="FromArtifacts"/>).</summary>
    public const string AutoDType = "auto";

    /// <summary>Loads a Hugging Face / sentence-transformers / SimCSE checkpoint folder.</summary>
    /// <param name="folder">The folder.</param>
    /// <param name="options">Device and dtype.</param>
    /// <param name="id">Model id; defaults to the manifest's id, else the folder name.</param>
    /// <param name="onDTypeDecided">Told which dtype was used and why (for logs and the model object).</param>
    public static SentenceEncoder LoadFolder(string folder, EncoderOptions options, string? id = null, Action<DTypeDecision>? onDTypeDecided = null)
    {
        (ModelArtifacts artifacts, ModelManifest? manifest) = ModelFolderReader.Read(folder);
        string modelId = id ?? manifest?.ModelId ?? new DirectoryInfo(folder).Name;
        return FromArtifacts(modelId, artifacts, options, onDTypeDecided);
    }

    /// <summary>Loads a packaged model, importing its ONNX weights into the data directory's cache on first use.</summary>
    public static SentenceEncoder LoadPackaged(string id, string dataDirectory, EncoderOptions options, Action<DTypeDecision>? onDTypeDecided = null)
    {
        PackagedModel model = PackagedModels.Find(id)
            ?? throw new ArgumentException($"Unknown packaged model '{id}'. Known: {string.Join(", ", PackagedModels.All.Select(known => known.Id))}.", nameof(id));
        return LoadFolder(PackagedModelImporter.EnsureCached(model, dataDirectory), options, model.Id, onDTypeDecided);
    }

    /// <summary>
    /// Builds the module on the CPU in float32, loads the weights strictly there, then moves it once to
    /// the target dtype and device, where it stays, and freezes a fast inference copy of the encoder
    /// (<see cref="BertModel.FreezeForInference"/>; serving models do not train).
    /// </summary>
    /// <remarks>
    /// <c>DType=auto</c>: bfloat16 where the hardware computes it natively (CPU flags <c>avx512_bf16</c> or
    /// <c>amx_bf16</c>; any CUDA device) and <see cref="Bf16QualityCheck"/> passes (cosine to float32 ≥
    /// <see cref="Bf16QualityCheck.MinimumCosine"/> on fixed sentences), else float32.
    /// </remarks>
    public static SentenceEncoder FromArtifacts(string id, ModelArtifacts artifacts, EncoderOptions options, Action<DTypeDecision>? onDTypeDecided = null)
    {
        ArgumentNullException.ThrowIfNull(artifacts);
        ArgumentNullException.ThrowIfNull(options);
        artifacts.Validate();
        bool auto = string.Equals(options.DType.Trim(), AutoDType, StringComparison.OrdinalIgnoreCase);
        TorchPlacement placement = TorchPlacement.Resolve(auto ? options with { DType = "float32" } : options);
        var model = new BertModel(artifacts.Config, BertWeights.HasPooler(artifacts.Weights));
        try
        {
            BertWeights.Load(model, artifacts.Weights);
            var tokenizer = BertWordPieceTokenizer.FromVocabulary(artifacts.Vocabulary, artifacts.DoLowerCase, artifacts.MaxLength);
            DTypeDecision decision;
            if (auto)
            {
                (placement, decision) = ChooseAutomatically(model, artifacts, tokenizer, placement.Device);
            }
            else
            {
                model.to(placement.DType).to(placement.Device);
                InferenceKernels.Freeze(model, placement.Device, placement.DType);
                decision = new DTypeDecision(options.DType, Name(placement.DType), "configured explicitly");
            }
            onDTypeDecided?.Invoke(decision);
            return new SentenceEncoder(id, model, tokenizer, artifacts.Pooling, artifacts.MaxLength, placement);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private static (TorchPlacement Placement, DTypeDecision Decision) ChooseAutomatically(BertModel model, ModelArtifacts artifacts, BertWordPieceTokenizer tokenizer, Device device)
    {
        var float32 = new TorchPlacement(device, ScalarType.Float32);
        string hardware = device.type == DeviceType.CPU
            ? $"CPU '{CpuFeatures.Current.Name}' bf16 support: {CpuFeatures.Current.Bf16Support}"
            : $"device {device}";
        model.to(device);
        if (device.type == DeviceType.CPU && !CpuFeatures.Current.HasNativeBf16)
        {
            InferenceKernels.Freeze(model, device, ScalarType.Float32);
            return (float32, new DTypeDecision(AutoDType, "float32", hardware + ", so float32"));
        }

        float[][] reference = Bf16QualityCheck.Embed(model, tokenizer, artifacts.Pooling, artifacts.MaxLength, device);
        string? failure;
        try
        {
            model.to(ScalarType.BFloat16);
            InferenceKernels.Freeze(model, device, ScalarType.BFloat16);
            double cosine = Bf16QualityCheck.MinimumCosineBetween(reference, Bf16QualityCheck.Embed(model, tokenizer, artifacts.Pooling, artifacts.MaxLength, device));
            if (cosine >= Bf16QualityCheck.MinimumCosine)
            {
                return (new TorchPlacement(device, ScalarType.BFloat16),
                    new DTypeDecision(AutoDType, "bfloat16", $"{hardware}; start-up check passed (bf16 vs float32 cosine {cosine:F6} ≥ {Bf16QualityCheck.MinimumCosine})"));
            }
            failure = $"start-up check failed (bf16 vs float32 cosine {cosine:F6} < {Bf16QualityCheck.MinimumCosine})";
        }
        catch (Exception ex) when (ex is System.Runtime.InteropServices.ExternalException or InvalidOperationException)
        {
            failure = $"bf16 failed on this device ({ex.Message.Split('\n')[0]})";
        }

        // The bf16 round trip rounded the weights: reload them exactly.
        model.to(ScalarType.Float32);
        BertWeights.Load(model, artifacts.Weights);
        InferenceKernels.Freeze(model, device, ScalarType.Float32);
        return (float32, new DTypeDecision(AutoDType, "float32", $"{hardware}; {failure}, so float32"));
    }

    private static string Name(ScalarType dtype) => dtype switch
    {
        ScalarType.BFloat16 => "bfloat16",
        ScalarType.Float16 => "float16",
        _ => "float32",
    };
}

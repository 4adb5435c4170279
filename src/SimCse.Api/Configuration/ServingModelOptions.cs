namespace SimCse.Api.Configuration;

/// <summary>Section <c>SimCse:Model</c>: which model is served at start, and where it runs.</summary>
public sealed class ServingModelOptions
{
    public const string SectionName = "SimCse:Model";

    /// <summary>A packaged model id; ignored when <see cref="Path"/> is set.</summary>
    public string Id { get; set; } = Modeling.Packaging.PackagedModels.DefaultId;

    /// <summary>A Hugging Face model folder; its folder name becomes the model id.</summary>
    public string? Path { get; set; }

    /// <summary><c>auto</c>, <c>cpu</c>, <c>cuda</c>, <c>cuda:N</c>.</summary>
    public string Device { get; set; } = "auto";

    /// <summary>
    /// <c>auto</c> (default: bfloat16 where the CPU has avx512_bf16 or amx_bf16, or on CUDA, and a start-up check
    /// of bf16 against float32 passes; else float32), <c>float32</c>, <c>bfloat16</c>, <c>float16</c>.
    /// </summary>
    public string DType { get; set; } = Modeling.Loading.ModelLoader.AutoDType;
}

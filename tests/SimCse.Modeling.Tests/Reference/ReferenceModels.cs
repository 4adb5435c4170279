using SimCse.Modeling.Encoders;
using SimCse.Modeling.Loading;
using SimCse.Modeling.Packaging;

namespace SimCse.Modeling.Tests.Reference;

/// <summary>One packaged model loaded twice: our TorchSharp float32 encoder and the ONNX Runtime reference.</summary>
public sealed class ReferenceModels : IDisposable
{
    /// <summary>Model cache shared by test runs; importing a packaged model takes seconds, once.</summary>
    public static string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "simcse-test-models");

    /// <summary>
    /// Float32 on the CPU. Each Embed call is one forward pass over exactly the batch ONNX Runtime gets,
    /// padding included, so the comparison and the padding tests mean what they say.
    /// </summary>
    public static EncoderOptions SingleForwardFloat32 { get; } = new()
    {
        Device = "cpu",
        DType = "float32",
    };

    public ReferenceModels(PackagedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        Torch = ModelLoader.LoadPackaged(model.Id, DataDirectory, SingleForwardFloat32);
        try
        {
            Onnx = OnnxReferenceEncoder.ForPackaged(model);
        }
        catch
        {
            Torch.Dispose();
            throw;
        }
    }

    public PackagedModel Model { get; }

    public SentenceEncoder Torch { get; }

    public OnnxReferenceEncoder Onnx { get; }

    public void Dispose()
    {
        Torch.Dispose();
        Onnx.Dispose();
    }
}

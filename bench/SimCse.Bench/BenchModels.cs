using SimCse.Modeling.Encoders;
using SimCse.Modeling.Loading;
using SimCse.Modeling.Packaging;
using SimCse.Modeling.Runtime;
using SimCse.Modeling.Tests.Reference;

namespace SimCse.Bench;

/// <summary>
/// One packaged model in the configurations compared: TorchSharp with the service's default dtype
/// (<c>auto</c>), TorchSharp forced to float32, and ONNX Runtime float32.
/// </summary>
internal sealed class BenchModels : IDisposable
{
    public static string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "simcse-bench-models");

    /// <summary>Embed runs one forward pass per call, so TorchSharp runs exactly the batches ONNX Runtime gets.</summary>
    public static EncoderOptions SingleForward { get; } = new() { Device = "cpu" };

    public BenchModels(PackagedModel model)
    {
        Model = model;
        DTypeDecision? decision = null;
        Default = ModelLoader.LoadPackaged(model.Id, DataDirectory, SingleForward with { DType = ModelLoader.AutoDType }, chosen => decision = chosen);
        DefaultDType = decision!;
        Fp32 = ModelLoader.LoadPackaged(model.Id, DataDirectory, SingleForward with { DType = "float32" });
        // Default session options except the thread count, pinned to the cores libtorch uses too.
        Onnx = OnnxReferenceEncoder.ForPackaged(model, intraOpThreads: Environment.ProcessorCount);
    }

    public PackagedModel Model { get; }

    /// <summary>DType=auto, as the service loads it.</summary>
    public SentenceEncoder Default { get; }

    public DTypeDecision DefaultDType { get; }

    public SentenceEncoder Fp32 { get; }

    public OnnxReferenceEncoder Onnx { get; }

    public void Dispose()
    {
        Default.Dispose();
        Fp32.Dispose();
        Onnx.Dispose();
    }
}

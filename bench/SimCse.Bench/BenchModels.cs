using SimCse.Modeling.Encoders;
using SimCse.Modeling.Loading;
using SimCse.Modeling.Packaging;
using SimCse.Modeling.Tests.Reference;

namespace SimCse.Bench;

/// <summary>One packaged model in the three configurations compared: TorchSharp float32 and bfloat16, ONNX Runtime float32.</summary>
internal sealed class BenchModels : IDisposable
{
    public static string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "simcse-bench-models");

    public BenchModels(PackagedModel model)
    {
        Model = model;
        // Embed runs one forward pass per call, so TorchSharp runs exactly the batches ONNX Runtime gets.
        var single = new EncoderOptions { Device = "cpu" };
        Fp32 = ModelLoader.LoadPackaged(model.Id, DataDirectory, single with { DType = "float32" });
        Bf16 = ModelLoader.LoadPackaged(model.Id, DataDirectory, single with { DType = "bfloat16" });
        // Default session options except the thread count, pinned to the cores libtorch uses too.
        Onnx = OnnxReferenceEncoder.ForPackaged(model, intraOpThreads: Environment.ProcessorCount);
    }

    public PackagedModel Model { get; }

    public SentenceEncoder Fp32 { get; }

    public SentenceEncoder Bf16 { get; }

    public OnnxReferenceEncoder Onnx { get; }

    public void Dispose()
    {
        Fp32.Dispose();
        Bf16.Dispose();
        Onnx.Dispose();
    }
}

using TorchSharp;
using static TorchSharp.torch;

namespace SimCse.Modeling.Runtime;

/// <summary>Which Linear kernel the frozen inference encoder uses for a device and dtype.</summary>
public static class InferenceKernels
{
    /// <summary>
    /// bfloat16 on the CPU: oneDNN on pre-packed weights (measured 2–4× eager bf16 GEMMs at 14–448 rows,
    /// see bench/results/profile-*.md). Everything else: eager <c>aten::linear</c> (float32 CPU GEMMs are
    /// oneMKL's either way, and CUDA has no oneDNN).
    /// </summary>
    public static LinearKernel Choose(Device device, ScalarType dtype)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device.type == DeviceType.CPU && dtype == ScalarType.BFloat16 ? LinearKernel.OneDnnPacked : LinearKernel.Eager;
    }

    /// <summary>
    /// SDPA everywhere: on the CPU the matmul + softmax alternative measured no better within the noise of the
    /// shared 2-core host (bench/results/profile-*.md, "frozen with SDPA" column), and it is one op instead of six.
    /// </summary>
    public static AttentionKernel ChooseAttention(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return AttentionKernel.Sdpa;
    }

    /// <summary>Freezes <paramref name="model"/> with the kernels chosen for its device and dtype.</summary>
    public static void Freeze(Bert.BertModel model, Device device, ScalarType dtype)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.FreezeForInference(Choose(device, dtype), ChooseAttention(device));
    }
}

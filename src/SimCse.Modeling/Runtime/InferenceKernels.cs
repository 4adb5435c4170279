using TorchSharp;
using static TorchSharp.torch;

namespace SimCse.Modeling.Runtime;

/// <summary>Which Linear kernel the frozen inference encoder uses for a device and dtype.</summary>
public static class InferenceKernels
{
    /// <summary>
    /// float32 and bfloat16 on the CPU: oneDNN on pre-packed (blocked) weights. bf16 measured 2–4× eager bf16
    /// GEMMs at 14–448 rows (bench/results/profile-*.md); fp32 measured +21 % at batch 1, +16 % at batch 8 and
    /// +5 % at batch 32 over eager oneMKL with identical vectors (bench/results/fp32-onednn-2026-12-01.md): oneMKL
    /// re-packs the weight matrix on every call, which small-M GEMMs cannot amortise. Everything else (fp16, CUDA):
    /// eager <c>aten::linear</c>.
    /// </summary>
    public static LinearKernel Choose(Device device, ScalarType dtype)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device.type == DeviceType.CPU && dtype is ScalarType.BFloat16 or ScalarType.Float32 ? LinearKernel.OneDnnPacked : LinearKernel.Eager;
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

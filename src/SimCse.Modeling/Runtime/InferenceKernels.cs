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
}

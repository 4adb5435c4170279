using System.Runtime.CompilerServices;
using SimCse.Core.Batching;
using SimCse.Modeling.Encoders;

namespace SimCse.Api.Configuration;

/// <summary>Which forward-pass defaults apply: from <c>SimCse:Model:Device</c>, as the model loader resolves it.</summary>
public static class BatchingDeviceDefaults
{
    public static BatchingDevice For(string? device)
    {
        string normalized = (device ?? "auto").Trim().ToLowerInvariant();
        if (normalized.StartsWith("cuda", StringComparison.Ordinal))
        {
            return BatchingDevice.Accelerator;
        }

        if (normalized != "auto")
        {
            return BatchingDevice.Cpu;
        }

        // "auto" picks CUDA when libtorch sees a GPU, exactly like TorchPlacement. Asking loads libtorch, so
        // SimCse.Modeling's module initializer (OpenMP wait policy) must have run first.
        RuntimeHelpers.RunModuleConstructor(typeof(TorchPlacement).Module.ModuleHandle);
        return TorchSharp.torch.cuda.is_available() ? BatchingDevice.Accelerator : BatchingDevice.Cpu;
    }
}

using SimCse.Core.Batching;

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

        // "auto" picks CUDA when libtorch sees a GPU, exactly like TorchPlacement.
        return normalized == "auto" && TorchSharp.torch.cuda.is_available() ? BatchingDevice.Accelerator : BatchingDevice.Cpu;
    }
}

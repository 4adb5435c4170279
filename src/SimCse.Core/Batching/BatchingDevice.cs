namespace SimCse.Core.Batching;

/// <summary>What kind of device runs the forward passes; it picks the default forward-pass limits.</summary>
public enum BatchingDevice
{
    /// <summary>CPU: small passes (activations that stay in cache, little padding).</summary>
    Cpu,

    /// <summary>A GPU: large passes (the device is only busy when a pass is large).</summary>
    Accelerator,
}

namespace SimCse.Core.Batching;

/// <summary>The shape limits of one forward pass.</summary>
/// <param name="MaxRows">Most inputs in one pass.</param>
/// <param name="MaxTokens">Most padded tokens (rows × longest) in one pass; a single longer input still gets its own pass.</param>
/// <param name="MaxPaddingFraction">Start a new pass rather than let padding exceed this share of a pass's positions.</param>
public readonly record struct ForwardPassLimits(int MaxRows, int MaxTokens, double MaxPaddingFraction)
{
    /// <summary>
    /// Measured on 2-core CPUs: batches of 128 were slower per sentence than 8–32 even at 5 % padding
    /// (large activations fall out of cache and, above glibc's mmap threshold, are page-faulted in afresh
    /// on every forward), so passes stay at ≤ 32 rows and ≤ 2048 padded tokens.
    /// </summary>
    public static ForwardPassLimits Cpu { get; } = new(32, 2048, 0.2);

    /// <summary>
    /// CPU passes that run on forward lanes, one core each: 16 rows. Through the service on a 2-core Xeon, 64
    /// single-sentence clients got +7 % sentences/s at 16 rows (and +9 % at 8–12) against 32, while one client
    /// sending 256 sentences lost 3–5 % (bench/results/forward-lanes-2026-12-01.md).
    /// </summary>
    public static ForwardPassLimits CpuOnLanes { get; } = new(16, 2048, 0.2);

    /// <summary>A GPU is only busy with large passes; padding costs little next to launch overhead.</summary>
    public static ForwardPassLimits Accelerator { get; } = new(256, 16384, 0.5);

    public static ForwardPassLimits For(BatchingDevice device) => device == BatchingDevice.Accelerator ? Accelerator : Cpu;

    /// <summary>The defaults for <paramref name="device"/> when up to <paramref name="lanes"/> passes run at once.</summary>
    public static ForwardPassLimits For(BatchingDevice device, int lanes) =>
        device == BatchingDevice.Cpu && lanes > 1 ? CpuOnLanes : For(device);
}

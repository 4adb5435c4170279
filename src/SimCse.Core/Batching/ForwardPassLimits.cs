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

    /// <summary>A GPU is only busy with large passes; padding costs little next to launch overhead.</summary>
    public static ForwardPassLimits Accelerator { get; } = new(256, 16384, 0.5);

    public static ForwardPassLimits For(BatchingDevice device) => device == BatchingDevice.Accelerator ? Accelerator : Cpu;
}

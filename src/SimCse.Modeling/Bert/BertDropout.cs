using TorchSharp;
using static TorchSharp.torch;

namespace SimCse.Modeling.Bert;

/// <summary>
/// Training-mode dropout on hidden states, with a CPU mask that costs about half of libtorch's: its CPU
/// <c>bernoulli_</c> draws a 64-bit Mersenne Twister number per element in one serial loop (the largest non-GEMM cost
/// of a bf16 training step, <c>bench/results/training-throughput.md</c>). Here each 32-bit draw gives two 16-bit
/// uniforms, compared with <c>p·65536</c> by vectorised, parallel ops. Same distribution (p rounded to 1/65536), same
/// generator (so <c>manual_seed</c> still makes a run reproducible), same 1/(1−p) scaling; the mask is built outside
/// autograd, so backward is grad·mask, as in <c>nn.Dropout</c>. Off the CPU, libtorch's own dropout (Philox) runs.
/// </summary>
public sealed class BertDropout : nn.Module<Tensor, Tensor>
{
    private const int UniformLevels = 65536;

    // Shifting a word left by 16 moves its low half to the top; by 0 leaves its high half there.
    private static readonly int[] HalfShifts = [16, 0];

    private readonly double _probability;
    // The 16-bit uniforms compare as the top halves of signed 32-bit words: keep where half ≥ threshold.
    private readonly int _threshold;

    public BertDropout(double probability) : base(nameof(BertDropout))
    {
        if (probability is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "Dropout probability must be in [0, 1).");
        }
        _probability = probability;
        _threshold = ((int)Math.Round(probability * UniformLevels) - (UniformLevels / 2)) * UniformLevels;
    }

    public double Probability => _probability;

    public override Tensor forward(Tensor input)
    {
        if (!training || _probability == 0)
        {
            return input;
        }
        if (input.device.type != DeviceType.CPU)
        {
            return nn.functional.dropout(input, _probability, training: true);
        }
        using var scope = NewDisposeScope();
        Tensor mask = Mask(input.shape, input.dtype);
        return input.mul(mask).MoveToOuterDisposeScope();
    }

    /// <summary>0 or 1/(1−p) per element, for a tensor of <paramref name="shape"/>.</summary>
    public Tensor Mask(long[] shape, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        long count = shape.Aggregate(1L, (product, size) => product * size);
        Tensor words = randint(int.MinValue, int.MaxValue, [1, (count + 1) / 2], dtype: ScalarType.Int32);
        // A tensor field would become a buffer in the HF state dict, so the two shifts are made per call (2 elements).
        Tensor keep = words.bitwise_left_shift(tensor(HalfShifts, [2, 1])).ge(_threshold).view(-1).narrow(0, 0, count).view(shape);
        return where(keep, tensor(1 / (1 - _probability), dtype: dtype), tensor(0.0, dtype: dtype)).MoveToOuterDisposeScope();
    }
}

using static TorchSharp.torch;

namespace SimCse.Modeling.Training.Losses;

/// <summary>
/// CoSENT (Su 2022; sentence-transformers' CoSENTLoss) for graded similarity: for every two pairs (i, j) of
/// the batch whose gold scores say i is more similar than j, it penalises cos_j − cos_i with
/// <c>log(1 + Σ exp(scale · (cos_j − cos_i)))</c>. Only the order of the scores matters, so any scale of
/// score works (0–5 STS, 1–5 SICK, 0–1), and it trains the cosine that serving uses directly.
/// <c>scale</c> = 1 / temperature (sentence-transformers' default 20 = temperature 0.05).
/// </summary>
public sealed class CoSentLoss
{
    public CoSentLoss(double temperature = InfoNceLoss.DefaultTemperature)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(temperature);
        Temperature = temperature;
    }

    public double Temperature { get; }

    /// <param name="first">[n, d] float32: the first sentence of each pair.</param>
    /// <param name="second">[n, d]: the second sentence.</param>
    /// <param name="scores">[n] gold scores.</param>
    /// <returns>The loss, a scalar (0-dimensional).</returns>
    public Tensor Compute(Tensor first, Tensor second, Tensor scores)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentNullException.ThrowIfNull(scores);
        using var scope = NewDisposeScope();
        Tensor cosines = nn.functional.cosine_similarity(first, second, dim: 1).div(Temperature);
        // differences[i, j] = cos_j − cos_i (scaled), kept where score_i > score_j.
        Tensor differences = cosines.unsqueeze(0).sub(cosines.unsqueeze(1));
        Tensor ordered = scores.to(first.device).unsqueeze(1).gt(scores.to(first.device).unsqueeze(0));
        Tensor masked = differences.masked_fill(ordered.logical_not(), double.NegativeInfinity).flatten();
        // The leading 0 is the "1 +" inside the log: logsumexp([0, x...]) = log(1 + Σ exp(x)).
        Tensor withOne = cat([zeros(1, dtype: masked.dtype, device: masked.device), masked], 0);
        return withOne.logsumexp(0).MoveToOuterDisposeScope();
    }
}

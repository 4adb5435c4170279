namespace SimCse.Modeling.Training;

/// <summary>Linear warm-up from 0 to the peak learning rate, then linear decay to 0 at the last step (HF's "linear" schedule).</summary>
public sealed record LinearSchedule(double PeakLearningRate, int TotalSteps, int WarmupSteps)
{
    /// <param name="step">0-based index of the step about to be taken.</param>
    public double LearningRateAt(int step)
    {
        if (step < WarmupSteps)
        {
            return PeakLearningRate * (step + 1) / WarmupSteps;
        }
        int decaySteps = Math.Max(1, TotalSteps - WarmupSteps);
        return PeakLearningRate * Math.Max(0.0, (double)(TotalSteps - step) / decaySteps);
    }
}

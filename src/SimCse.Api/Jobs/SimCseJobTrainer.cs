using Microsoft.Extensions.Options;
using SimCse.Api.Configuration;
using SimCse.Modeling.Training;

namespace SimCse.Api.Jobs;

/// <summary>The SimCSE trainer with <c>SimCse:Training</c>'s device, threads and precision: the one place where configuration becomes <see cref="TrainerOptions"/>.</summary>
public sealed class SimCseJobTrainer(IOptions<TrainingOptions> options) : IJobTrainer
{
    public TrainingResult Train(TrainingJob job, IProgress<TrainingProgress> progress, CancellationToken cancellationToken)
    {
        TrainingOptions training = options.Value;
        var trainer = new SimCseTrainer(new TrainerOptions { Device = training.Device, ThreadCount = training.Threads, ComputeDType = training.ComputeDType });
        return trainer.Train(job, progress, cancellationToken);
    }
}

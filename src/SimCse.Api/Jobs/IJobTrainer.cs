using SimCse.Modeling.Training;

namespace SimCse.Api.Jobs;

/// <summary>Runs one prepared job to its end on the calling thread (the training thread). The seam lets a test make training throw.</summary>
public interface IJobTrainer
{
    TrainingResult Train(TrainingJob job, IProgress<TrainingProgress> progress, CancellationToken cancellationToken);
}

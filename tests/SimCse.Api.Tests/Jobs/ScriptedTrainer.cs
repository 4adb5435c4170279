using SimCse.Api.Jobs;
using SimCse.Modeling.Training;

namespace SimCse.Api.Tests.Jobs;

/// <summary>
/// The real trainer behind a hook that runs before each job on the training thread, so a test can make one job's
/// training throw or take the database away in the middle of it. Isolates the worker layer; the training is real.
/// </summary>
public sealed class ScriptedTrainer : IJobTrainer
{
    private int _jobs;

    /// <summary>The service's own trainer, set when the host builds its services.</summary>
    public IJobTrainer? Real { get; set; }

    /// <summary>Called with the 1-based job number; may throw (the trainer failed) or act on the outside world.</summary>
    public Action<int, TrainingJob>? BeforeJob { get; set; }

    /// <summary>Called after the first reported step of a job.</summary>
    public Action<int>? AfterFirstStep { get; set; }

    public TrainingResult Train(TrainingJob job, IProgress<TrainingProgress> progress, CancellationToken cancellationToken)
    {
        int number = Interlocked.Increment(ref _jobs);
        BeforeJob?.Invoke(number, job);
        var wrapped = new FirstStepHook(progress, () => AfterFirstStep?.Invoke(number));
        return (Real ?? throw new InvalidOperationException("No real trainer.")).Train(job, wrapped, cancellationToken);
    }

    private sealed class FirstStepHook(IProgress<TrainingProgress> inner, Action firstStep) : IProgress<TrainingProgress>
    {
        private bool _seen;

        public void Report(TrainingProgress value)
        {
            inner.Report(value);
            if (!_seen)
            {
                _seen = true;
                firstStep();
            }
        }
    }
}

using System.Threading.Channels;
using SimCse.Modeling.Training;

namespace SimCse.Api.Jobs;

/// <summary>
/// The one blocking piece (TEI's backend thread): a dedicated OS thread that runs only the trainer (TorchSharp's
/// scopes and grad modes are thread-local). Each step's progress goes into a channel for the async orchestrator,
/// then the serving-yield policy may hold the thread before the next step. The thread never touches the database.
/// </summary>
public static class TrainingThread
{
    /// <summary>Starts training; the task completes with the result (or the trainer's exception) and the channel is then completed.</summary>
    public static Task<TrainingResult> Start(IJobTrainer trainer, TrainingJob job, ChannelWriter<TrainingProgress> progress, ServingYieldPolicy yieldPolicy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var finished = new TaskCompletionSource<TrainingResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var sink = new Sink(progress, yieldPolicy, cancellationToken);
        var thread = new Thread(() =>
        {
            try
            {
                finished.SetResult(trainer.Train(job, sink, cancellationToken));
                progress.TryComplete();
            }
#pragma warning disable CA1031 // Handed to the orchestrator, which fails this job with the reason.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                progress.TryComplete();
                finished.SetException(ex);
            }
        })
        {
            Name = $"simcse-training-{job.JobId}",
            IsBackground = true,
        };
        thread.Start();
        return finished.Task;
    }

    /// <summary>An unbounded channel: progress events are small and one per step, and the trainer must never block on the database.</summary>
    private sealed class Sink(ChannelWriter<TrainingProgress> writer, ServingYieldPolicy yieldPolicy, CancellationToken cancellationToken) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            writer.TryWrite(value);
            yieldPolicy.WaitBetweenSteps(cancellationToken);
        }
    }
}

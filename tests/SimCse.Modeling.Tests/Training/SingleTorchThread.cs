using static TorchSharp.torch;

namespace SimCse.Modeling.Tests.Training;

/// <summary>Runs libtorch on one thread for a test's duration: TinyBert's ops are too small to gain from more, and spinning worker threads crawl when the machine is busy.</summary>
internal sealed class SingleTorchThread : IDisposable
{
    private readonly int _previous = get_num_threads();

    public SingleTorchThread() => set_num_threads(1);

    public void Dispose() => set_num_threads(_previous);
}

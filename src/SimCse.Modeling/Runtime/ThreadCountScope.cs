using static TorchSharp.torch;

namespace SimCse.Modeling.Runtime;

/// <summary>
/// The intra-op threads of the calling thread for a scope (per thread: libgomp keeps the count per thread);
/// 0 leaves the thread as it is. Disposing restores the previous count.
/// </summary>
public readonly struct ThreadCountScope : IDisposable
{
    private readonly int _previous;

    public ThreadCountScope(int threads)
    {
        _previous = 0;
        if (threads > 0)
        {
            int current = get_num_threads();
            if (current != threads)
            {
                set_num_threads(threads);
                _previous = current;
            }
        }
    }

    public void Dispose()
    {
        if (_previous > 0)
        {
            set_num_threads(_previous);
        }
    }
}

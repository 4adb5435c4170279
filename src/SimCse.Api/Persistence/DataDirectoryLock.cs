namespace SimCse.Api.Persistence;

/// <summary>
/// With SQLite one process owns the data directory: a second one would mark the first one's running job interrupted
/// and clean its checkpoints away. The owner holds <c>simcse.lock</c> open exclusively (an OS file lock, released when
/// the process dies, so a kill -9 never leaves a stale lock). Hosts inside one process (tests) share the lock.
/// Not used with PostgreSQL, where replicas share the directory legally.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    public const string FileName = "simcse.lock";

    private static readonly Dictionary<string, (FileStream Stream, int Holders)> Held = new(StringComparer.Ordinal);

    private readonly string _path;
    private bool _held;

    public DataDirectoryLock(string root)
    {
        _path = Path.Combine(Path.GetFullPath(root), FileName);
    }

    /// <exception cref="InvalidOperationException">Another process holds the directory.</exception>
    public void Acquire()
    {
        lock (Held)
        {
            if (_held)
            {
                return;
            }
            if (Held.TryGetValue(_path, out (FileStream Stream, int Holders) entry))
            {
                Held[_path] = (entry.Stream, entry.Holders + 1);
                _held = true;
                return;
            }
            try
            {
                var stream = new FileStream(_path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                stream.SetLength(0);
                using (var writer = new StreamWriter(stream, leaveOpen: true))
                {
                    writer.Write(Environment.ProcessId);
                }
                stream.Flush(flushToDisk: true);
                Held[_path] = (stream, 1);
                _held = true;
            }
            catch (IOException ex)
            {
                throw new InvalidOperationException(
                    $"Another process is using the data directory ({_path} is locked). With SimCse:Database:Provider=sqlite only one process may use a data directory; run replicas with PostgreSQL.", ex);
            }
        }
    }

    public void Dispose()
    {
        lock (Held)
        {
            if (!_held || !Held.TryGetValue(_path, out (FileStream Stream, int Holders) entry))
            {
                return;
            }
            _held = false;
            if (entry.Holders > 1)
            {
                Held[_path] = (entry.Stream, entry.Holders - 1);
                return;
            }
            Held.Remove(_path);
            entry.Stream.Dispose();
        }
    }
}

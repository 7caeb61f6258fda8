namespace Obol.CdrServer;

/// <summary>
/// One async lock per CGRID+RunID, held while a CDR is checked, refunded, charged and stored, so a retried post or two
/// re-ratings of the same CDR charge once. Entries are counted and dropped by their last user: removing a lock that
/// someone still waits on would let a third caller create a fresh one and run beside the waiter.
/// </summary>
internal sealed class CdrKeyLocks
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Takes every key's lock, in ordinal order so that two callers sharing keys cannot deadlock.</summary>
    public async ValueTask<IAsyncDisposable> AcquireAsync(IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var held = new Held(this);
        try
        {
            foreach (var key in keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                var entry = Enter(key);
                try
                {
                    await entry.Semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    Leave(key, entry);
                    throw;
                }
                held.Add(key, entry);
            }
        }
        catch
        {
            await held.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return held;
    }

    private Entry Enter(string key)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                _entries[key] = entry = new Entry();
            }
            entry.Users++;
            return entry;
        }
    }

    private void Leave(string key, Entry entry)
    {
        lock (_gate)
        {
            if (--entry.Users == 0)
            {
                _entries.Remove(key);
                entry.Semaphore.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Held(CdrKeyLocks owner) : IAsyncDisposable
    {
        private readonly List<(string Key, Entry Entry)> _taken = [];

        public void Add(string key, Entry entry) => _taken.Add((key, entry));

        public ValueTask DisposeAsync()
        {
            for (var i = _taken.Count - 1; i >= 0; i--)
            {
                var (key, entry) = _taken[i];
                entry.Semaphore.Release();
                owner.Leave(key, entry);
            }
            _taken.Clear();
            return ValueTask.CompletedTask;
        }
    }
}

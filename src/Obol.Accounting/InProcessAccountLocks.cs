using System.Collections.Concurrent;

namespace Obol.Accounting;

/// <summary>In-process per-account locks: a semaphore per id, dropped when nobody holds or waits for it.</summary>
public sealed class InProcessAccountLocks : IAccountLocks
{
    private readonly ConcurrentDictionary<string, Entry> _locks = new(StringComparer.Ordinal);

    public async ValueTask<IAsyncDisposable> AcquireAsync(string accountId, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var entry = _locks.GetOrAdd(accountId, static _ => new Entry());
            lock (entry)
            {
                if (entry.Retired)
                {
                    continue;
                }
                entry.Users++;
            }
            try
            {
                await entry.Semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                Release(accountId, entry, held: false);
                throw;
            }
            return new Holder(this, accountId, entry);
        }
    }

    private void Release(string accountId, Entry entry, bool held)
    {
        if (held)
        {
            entry.Semaphore.Release();
        }
        lock (entry)
        {
            if (--entry.Users == 0)
            {
                entry.Retired = true;
                _locks.TryRemove(new KeyValuePair<string, Entry>(accountId, entry));
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);
        public int Users { get; set; }
        public bool Retired { get; set; }
    }

    private sealed class Holder(InProcessAccountLocks owner, string accountId, Entry entry) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release(accountId, entry, held: true);
            }
            return ValueTask.CompletedTask;
        }
    }
}

using System.Collections.Concurrent;

namespace Obol.Accounting;

/// <summary>
/// In-process per-account locks: a semaphore per id while anyone holds or waits for it. Entries are pooled, so the
/// uncontended path allocates nothing but the dictionary node, and memory stays bounded by the accounts in use.
/// </summary>
public sealed class InProcessAccountLocks : IAccountLocks
{
    private const int MaxPooled = 1024;
    private readonly ConcurrentDictionary<string, Entry> _locks = new(StringComparer.Ordinal);
    private readonly ConcurrentStack<Entry> _pool = new();

    public async ValueTask<IAsyncDisposable> AcquireAsync(string accountId, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var entry = _locks.GetOrAdd(accountId, static (id, self) => self.Rent(id), this);
            lock (entry)
            {
                // A pooled entry may have been retired and reused since the lookup; only the one installed for this id counts.
                if (entry.Retired || entry.AccountId != accountId || !_locks.TryGetValue(accountId, out var current) || current != entry)
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
                Leave(entry, held: false);
                throw;
            }
            return entry;
        }
    }

    private Entry Rent(string accountId)
    {
        if (!_pool.TryPop(out var entry))
        {
            entry = new Entry(this);
        }
        entry.Reset(accountId);
        return entry;
    }

    private void Leave(Entry entry, bool held)
    {
        if (held)
        {
            entry.Semaphore.Release();
        }
        lock (entry)
        {
            if (--entry.Users != 0)
            {
                return;
            }
            entry.Retired = true;
            _locks.TryRemove(new KeyValuePair<string, Entry>(entry.AccountId, entry));
        }
        if (_pool.Count < MaxPooled)
        {
            _pool.Push(entry);
        }
    }

    /// <summary>The lock of one account; disposing it once releases the hold it was returned for.</summary>
    private sealed class Entry(InProcessAccountLocks owner) : IAsyncDisposable
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);
        public string AccountId { get; private set; } = "";
        public int Users { get; set; }
        public bool Retired { get; set; }

        public void Reset(string accountId)
        {
            AccountId = accountId;
            Users = 0;
            Retired = false;
        }

        public ValueTask DisposeAsync()
        {
            owner.Leave(this, held: true);
            return ValueTask.CompletedTask;
        }
    }
}

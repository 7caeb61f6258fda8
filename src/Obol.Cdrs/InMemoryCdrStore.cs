namespace Obol.Cdrs;

/// <summary>An <see cref="ICdrStore"/> in a dictionary, for tests and for running without a data directory. Keeps
/// copies, so callers cannot change stored CDRs behind its back.</summary>
public sealed class InMemoryCdrStore : ICdrStore
{
    private readonly Dictionary<(string Cgrid, string RunId), Cdr> _cdrs = [];
    private readonly Lock _lock = new();
    private long _lastOrderId;

    public ValueTask<CdrWriteResult> PutAsync(Cdr cdr, bool allowUpdate, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var key = (cdr.Cgrid, cdr.RunId);
            var copy = cdr.Clone();
            if (_cdrs.TryGetValue(key, out var existing))
            {
                if (!allowUpdate)
                {
                    return ValueTask.FromResult(new CdrWriteResult(CdrWriteOutcome.Duplicate, 0));
                }
                copy.OrderId = existing.OrderId;
                _cdrs[key] = copy;
                return ValueTask.FromResult(new CdrWriteResult(CdrWriteOutcome.Updated, copy.OrderId));
            }
            copy.OrderId = ++_lastOrderId;
            _cdrs[key] = copy;
            return ValueTask.FromResult(new CdrWriteResult(CdrWriteOutcome.Inserted, copy.OrderId));
        }
    }

    public ValueTask<IReadOnlyList<Cdr>> GetAsync(CdrQuery query, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<Cdr> found = [.. query.Select(_cdrs.Values).Select(c => c.Clone())];
            return ValueTask.FromResult(found);
        }
    }

    public ValueTask<long> CountAsync(CdrQuery query, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult((long)_cdrs.Values.Count(query.Matches));
        }
    }

    public ValueTask<long> RemoveAsync(CdrQuery query, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var doomed = _cdrs.Where(p => query.Matches(p.Value)).Select(p => p.Key).ToList();
            foreach (var key in doomed)
            {
                _cdrs.Remove(key);
            }
            return ValueTask.FromResult((long)doomed.Count);
        }
    }
}

using System.Collections.Concurrent;
using NodaTime;

namespace Obol.Accounting.Scheduling;

/// <summary>Next runs in process memory: survives a scheduler reload, not a process restart.</summary>
public sealed class InMemoryScheduleStore : IScheduleStore
{
    private readonly ConcurrentDictionary<string, Instant> _entries = new(StringComparer.Ordinal);

    public ValueTask<IReadOnlyDictionary<string, Instant>> LoadAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyDictionary<string, Instant>>(new Dictionary<string, Instant>(_entries, StringComparer.Ordinal));

    public ValueTask SaveAsync(IReadOnlyDictionary<string, Instant> entries, CancellationToken cancellationToken = default)
    {
        foreach (var (key, nextRun) in entries)
        {
            _entries[key] = nextRun;
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask RemoveAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        foreach (var key in keys)
        {
            _entries.TryRemove(key, out _);
        }
        return ValueTask.CompletedTask;
    }
}

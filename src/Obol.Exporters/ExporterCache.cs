using Obol.Config;

namespace Obol.Exporters;

/// <summary>
/// <c>ees.cache</c>: exporters of a cached type (<c>*file_csv</c> by default, ttl 5 s) stay open between events, so a
/// run of events lands in one file; the exporter closes (trailer written) when the entry expires. Types with no
/// cache entry, or limit 0, get a fresh exporter per event, closed after it. A positive limit is treated as
/// unlimited.
/// </summary>
internal sealed class ExporterCache(EesConfig config, ExporterContext context) : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The exporter for the definition, and whether the caller must dispose it after one export.</summary>
    public (EventExporter Exporter, bool OneTime) Acquire(ExporterDefinition definition)
    {
        if (!config.Cache.TryGetValue(definition.Config.Type, out var partition) || partition.Limit == 0)
        {
            return (EventExporter.Create(definition, context), true);
        }
        lock (_lock)
        {
            if (_entries.TryGetValue(definition.Id, out var cached))
            {
                cached.Touch();
                return (cached.Exporter, false);
            }
            var exporter = EventExporter.Create(definition, context);
            var ttl = TimeSpan.FromTicks(partition.Ttl.Nanoseconds / 100);
            _entries[definition.Id] = new Entry(this, definition.Id, exporter, ttl, partition.StaticTtl);
            return (exporter, false);
        }
    }

    /// <summary>Resets the metrics of the exporter kept open under <paramref name="id"/>; false when none is (a type
    /// that is not cached, or an entry that expired), as CGRateS finds only cached exporters.</summary>
    public bool TryResetMetrics(string id, NodaTime.Instant now)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(id, out var cached))
            {
                return false;
            }
            cached.Exporter.Metrics.Reset(now);
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Entry[] entries;
        lock (_lock)
        {
            entries = [.. _entries.Values];
            _entries.Clear();
        }
        foreach (var entry in entries)
        {
            await entry.CloseAsync();
        }
    }

    private void Expire(Entry entry)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(entry.Id, out var current) || current != entry)
            {
                return;
            }
            _entries.Remove(entry.Id);
        }
        // The timer callback cannot await; closing only flushes and closes a local file.
        _ = entry.CloseAsync().AsTask();
    }

    private sealed class Entry
    {
        private readonly ITimer? _timer;
        private readonly TimeSpan _ttl;
        private readonly bool _static;

        public Entry(ExporterCache owner, string id, EventExporter exporter, TimeSpan ttl, bool staticTtl)
        {
            Id = id;
            Exporter = exporter;
            _ttl = ttl;
            _static = staticTtl;
            // No ttl: the exporter stays open until the service is disposed.
            _timer = ttl > TimeSpan.Zero ? owner.TimeSource.CreateTimer(_ => owner.Expire(this), null, ttl, Timeout.InfiniteTimeSpan) : null;
        }

        public string Id { get; }

        public EventExporter Exporter { get; }

        public void Touch()
        {
            if (!_static)
            {
                _timer?.Change(_ttl, Timeout.InfiniteTimeSpan);
            }
        }

        public async ValueTask CloseAsync()
        {
            if (_timer is not null)
            {
                await _timer.DisposeAsync();
            }
            await Exporter.DisposeAsync();
        }
    }

    private TimeProvider TimeSource => context.Time;
}

using System.Collections.Concurrent;
using NodaTime;
using Obol.Events;
using Obol.Filters;
using Obol.Primitives;

namespace Obol.Stats;

/// <summary>
/// StatS (engine/stats.go): matches events to queue profiles through the filter index, counts them in each queue
/// under that queue's lock, stores the queues of <c>Stored</c> profiles as store_interval says and sends a StatUpdate per
/// queue to ThresholdS. Profiles are swapped whole (<see cref="SetProfiles"/>); queues keep their events when a
/// profile change leaves their shape (length, TTL, metrics) alone.
/// </summary>
public sealed partial class StatService
{
    private readonly FilterService _filters;
    // Swapped whole by a configuration change (its opts); the indexing it was built with stays.
    private volatile StatServiceOptions _options;
    private readonly IStatQueueStore? _store;
    private readonly DateTimeZone _zone;
    private readonly StateBackup _backup;
    private readonly ConcurrentDictionary<(string Tenant, string Id), QueueSlot> _queues = new();
    private volatile IndexedProfiles<StatQueueProfile> _profiles = IndexedProfiles.Empty<StatQueueProfile>();

    public StatService(FilterService filters, StatServiceOptions? options = null, IStatQueueStore? store = null, DateTimeZone? zone = null)
    {
        _filters = filters;
        _options = options ?? StatServiceOptions.Default;
        _store = store;
        _zone = zone ?? filters.Environment.Zone;
        _backup = new StateBackup(_options.StoreInterval);
    }

    /// <summary>A configuration change of the section's opts: used from the next request on. The indexing stays as the
    /// service was built with, since changing it is refused while the engine runs.</summary>
    public void Reconfigure(StatServiceOptions options) => _options = options with { Index = _options.Index };

    /// <summary>stats.thresholds_conns; null leaves ThresholdS out.</summary>
    public IStatThresholdSink? Thresholds { get; set; }

    public IndexedProfiles<StatQueueProfile> Profiles => _profiles;

    public FilterIndexOptions IndexOptions => _options.Index;

    /// <summary>Replaces the profiles; queues of removed profiles and of profiles whose shape changed start empty.</summary>
    public void SetProfiles(IndexedProfiles<StatQueueProfile> profiles)
    {
        _profiles = profiles;
        foreach (var (key, slot) in _queues)
        {
            var profile = profiles.Find(key.Tenant, key.Id);
            if (profile is null || !profile.KeepsQueueOf(slot.Queue.Profile))
            {
                _queues.TryRemove(key, out _);
            }
        }
    }

    /// <summary>Puts back a stored queue at start-up; false with the reason when it no longer fits its profile.</summary>
    public bool TryRestore(string tenant, string id, string json, out string? error)
    {
        if (_profiles.Find(tenant, id) is not { } profile)
        {
            error = $"no stat queue profile {tenant}:{id}";
            return false;
        }
        if (!StatQueue.TryFromJson(json, profile, _zone, out var queue, out error))
        {
            return false;
        }
        _queues[(tenant, id)] = new QueueSlot(queue);
        return true;
    }

    /// <summary>StatSv1.ProcessEvent: the IDs of the queues that counted the event.</summary>
    public async ValueTask<(IReadOnlyList<string> QueueIds, string? Error)> ProcessEventAsync(CgrEvent ev, Instant now,
        CancellationToken cancellationToken = default)
    {
        var (matched, error) = Match(ev);
        if (error is not null)
        {
            return ([], error);
        }
        var data = new MapStatEvent(ev.Event);
        var filterEvent = ev.ToFilterEvent();
        var withErrors = false;
        foreach (var profile in matched)
        {
            var slot = Slot(profile);
            await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // CGRateS ignores a metric that cannot read the event (the item stays queued); so do we.
                slot.Queue.TryProcessEvent(ev.Id, data, now, (ids, _) => _filters.Pass(ev.Tenant, ids, filterEvent, now).Passed, out _);
                if (profile.Stored && _store is not null && _backup.StoreNow(profile.Tenant, profile.Id))
                {
                    await _store.SaveAsync(profile.Tenant, profile.Id, slot.Queue.ToJson(), cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                slot.Gate.Release();
            }
            withErrors |= !await NotifyThresholdsAsync(profile, slot, ev, cancellationToken).ConfigureAwait(false);
        }
        return ([.. matched.Select(p => p.Id)], withErrors ? ErrorCodes.PartiallyExecuted : null);
    }

    /// <summary>StatSv1.GetStatQueuesForEvent.</summary>
    public (IReadOnlyList<string> QueueIds, string? Error) GetStatQueuesForEvent(CgrEvent ev)
    {
        var (matched, error) = Match(ev);
        return error is null ? ([.. matched.Select(p => p.Id)], null) : ([], error);
    }

    /// <summary>StatSv1.GetQueueStringMetrics; NOT_FOUND for an unknown queue.</summary>
    public Dictionary<string, string>? GetStringMetrics(string tenant, string id) =>
        WithQueue(tenant, id, q => q.GetStringMetrics(_options.RoundingDecimals));

    /// <summary>StatSv1.GetQueueFloatMetrics (durations in nanoseconds, -1 when not available).</summary>
    public Dictionary<string, decimal>? GetFloatMetrics(string tenant, string id) =>
        WithQueue(tenant, id, q => q.GetFloatMetrics(_options.RoundingDecimals));

    /// <summary>StatSv1.GetStatQueue: the queue as CGRateS stores it.</summary>
    public string? GetQueueJson(string tenant, string id) => WithQueue(tenant, id, q => q.ToJson());

    /// <summary>StatSv1.GetQueueIDs: every queue of the tenant, sorted.</summary>
    public IReadOnlyList<string> GetQueueIds(string tenant) => [.. _profiles.OfTenant(tenant).Select(p => p.Id)];

    /// <summary>StatSv1.ResetStatQueue: empties the queue (and its stored copy); false for an unknown queue.</summary>
    public async ValueTask<bool> ResetAsync(string tenant, string id, CancellationToken cancellationToken = default)
    {
        if (_profiles.Find(tenant, id) is not { } profile)
        {
            return false;
        }
        var slot = Slot(profile);
        await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            slot.Queue = NewQueue(profile);
            if (profile.Stored && _store is not null && _backup.StoreNow(tenant, id))
            {
                await _store.SaveAsync(tenant, id, slot.Queue.ToJson(), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            slot.Gate.Release();
        }
        return true;
    }

    /// <summary>Stores the queues changed since the last call (store_interval's backup, and its last one at shutdown); one
    /// that fails stays marked for the next call.</summary>
    /// <returns>How many were stored.</returns>
    public Task<int> StoreDirtyAsync(CancellationToken cancellationToken = default) =>
        _store is null ? Task.FromResult(0) : _backup.StoreMarkedAsync(SnapshotAsync, _store.SaveAsync, cancellationToken);

    private async ValueTask<string?> SnapshotAsync(string tenant, string id, CancellationToken cancellationToken)
    {
        if (!_queues.TryGetValue((tenant, id), out var slot))
        {
            return null;
        }
        await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A queue dropped by a profile change meanwhile is not written back over its successor.
            return _queues.TryGetValue((tenant, id), out var current) && ReferenceEquals(current, slot) ? slot.Queue.ToJson() : null;
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    private T? WithQueue<T>(string tenant, string id, Func<StatQueue, T> read)
        where T : class
    {
        if (_profiles.Find(tenant, id) is not { } profile)
        {
            return null;
        }
        var slot = Slot(profile);
        slot.Gate.Wait();
        try
        {
            return read(slot.Queue);
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    private QueueSlot Slot(StatQueueProfile profile) =>
        _queues.GetOrAdd((profile.Tenant, profile.Id), static (_, state) => new QueueSlot(state.Service.NewQueue(state.Profile)), (Service: this, Profile: profile));

    private StatQueue NewQueue(StatQueueProfile profile) =>
        StatQueue.TryCreate(profile, _zone, out var queue, out var error)
            ? queue
            : throw new InvalidOperationException($"stat queue profile {profile.Tenant}:{profile.Id} was accepted with a bad metric: {error}");

    private sealed class QueueSlot(StatQueue queue)
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public StatQueue Queue { get; set; } = queue;
    }
}

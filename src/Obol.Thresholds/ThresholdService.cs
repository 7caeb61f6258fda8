using System.Collections.Concurrent;
using NodaTime;
using Obol.Events;
using Obol.Filters;
using Obol.Primitives;

namespace Obol.Thresholds;

/// <summary>
/// ThresholdS (engine/thresholds.go) over a swappable profile set: candidates from the filter index (or the
/// <c>*thdProfileIDs</c> option), filters passed, then <see cref="ThresholdProcessor"/> counts and fires them while
/// their states are locked in ID order; every changed state is stored before the reply.
/// </summary>
public sealed class ThresholdService
{
    private readonly FilterService _filters;
    private readonly ThresholdProcessor _processor;
    // Swapped whole by a configuration change (its opts); the indexing it was built with stays.
    private volatile ThresholdServiceOptions _options;
    private readonly IThresholdStore? _store;
    private readonly ConcurrentDictionary<(string Tenant, string Id), Slot> _states = new();
    private readonly StateBackup _backup;
    private volatile IndexedProfiles<ThresholdProfile> _profiles = IndexedProfiles.Empty<ThresholdProfile>();

    public ThresholdService(FilterService filters, IThresholdActions actions, ThresholdServiceOptions? options = null, IThresholdStore? store = null)
    {
        _filters = filters;
        _processor = new ThresholdProcessor(actions);
        _options = options ?? ThresholdServiceOptions.Default;
        _store = store;
        _backup = new StateBackup(_options.StoreInterval);
    }

    /// <summary>A configuration change of the section's opts: used from the next request on. The indexing stays as the
    /// service was built with, since changing it is refused while the engine runs.</summary>
    public void Reconfigure(ThresholdServiceOptions options) => _options = options with { Index = _options.Index };

    public IndexedProfiles<ThresholdProfile> Profiles => _profiles;

    public FilterIndexOptions IndexOptions => _options.Index;

    /// <summary>Warnings of action sets that failed (asynchronous ones included); the host logs them.</summary>
    public event Action<string>? Warning;

    /// <summary>Replaces the profiles. A threshold keeps its hits across a change of its profile, as a stored
    /// Threshold does in CGRateS; the states of removed profiles are dropped.</summary>
    public void SetProfiles(IndexedProfiles<ThresholdProfile> profiles)
    {
        _profiles = profiles;
        foreach (var key in _states.Keys)
        {
            if (profiles.Find(key.Tenant, key.Id) is null)
            {
                _states.TryRemove(key, out _);
            }
        }
    }

    /// <summary>Puts back a stored threshold at start-up.</summary>
    public bool TryRestore(string json, out string? error)
    {
        if (!Threshold.TryFromJson(json, out var threshold, out error))
        {
            return false;
        }
        _states[(threshold.Tenant, threshold.Id)] = new Slot(threshold);
        return true;
    }

    /// <summary>ThresholdSv1.ProcessEvent: the IDs of the thresholds hit.</summary>
    public async ValueTask<(IReadOnlyList<string> ThresholdIds, string? Error)> ProcessEventAsync(CgrEvent ev, Instant now,
        CancellationToken cancellationToken = default)
    {
        var (matched, error) = Match(ev, now);
        if (error is not null)
        {
            return ([], error);
        }
        var slots = matched.Select(p => (Profile: p, Slot: SlotOf(p))).ToList();
        // In ID order, as CGRateS locks them, so two events never wait on each other crosswise.
        foreach (var (_, slot) in slots)
        {
            await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        try
        {
            var thresholdEvent = new ThresholdEvent(ev.Tenant, ev.Id)
            {
                Time = ev.Time,
                Account = EventAccount.Resolve(ev.Event, ev.ApiOpts),
            };
            var result = await _processor.ProcessEventAsync(thresholdEvent, slots.Select(s => new ThresholdMatch(s.Profile, s.Slot.State)), now,
                cancellationToken).ConfigureAwait(false);
            foreach (var warning in result.Warnings)
            {
                Warning?.Invoke(warning);
            }
            if (_store is not null)
            {
                foreach (var changed in result.Changed.Where(t => _backup.StoreNow(t.Tenant, t.Id)))
                {
                    await _store.SaveAsync(changed.Tenant, changed.Id, changed.ToJson(), cancellationToken).ConfigureAwait(false);
                }
            }
            return (result.ThresholdIds, result.Error);
        }
        finally
        {
            foreach (var (_, slot) in slots)
            {
                slot.Gate.Release();
            }
        }
    }

    /// <summary>ThresholdSv1.GetThresholdsForEvent: the matching thresholds by weight, cut after a blocker.</summary>
    public (IReadOnlyList<Threshold> Thresholds, string? Error) GetThresholdsForEvent(CgrEvent ev, Instant now)
    {
        var (matched, error) = Match(ev, now);
        if (error is not null)
        {
            return ([], error);
        }
        var thresholdEvent = new ThresholdEvent(ev.Tenant, ev.Id) { Time = ev.Time };
        var selected = ThresholdProcessor.SelectForEvent(thresholdEvent, matched.Select(p => new ThresholdMatch(p, SlotOf(p).State)));
        return selected.Count == 0 ? ([], ErrorCodes.NotFound) : ([.. selected.Select(m => m.State)], null);
    }

    /// <summary>ThresholdSv1.GetThreshold; null for an unknown one.</summary>
    public Threshold? GetThreshold(string tenant, string id) =>
        _profiles.Find(tenant, id) is { } profile ? SlotOf(profile).State : null;

    /// <summary>ThresholdSv1.GetThresholdIDs.</summary>
    public IReadOnlyList<string> GetThresholdIds(string tenant) => [.. _profiles.OfTenant(tenant).Select(p => p.Id)];

    /// <summary>ThresholdSv1.ResetThreshold: hits and snooze back to zero; false for an unknown threshold.</summary>
    public async ValueTask<bool> ResetAsync(string tenant, string id, CancellationToken cancellationToken = default)
    {
        if (_profiles.Find(tenant, id) is not { } profile)
        {
            return false;
        }
        var slot = SlotOf(profile);
        await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            slot.State.Hits = 0;
            slot.State.Snooze = Threshold.NeverSnoozed;
            if (_store is not null && _backup.StoreNow(tenant, id))
            {
                await _store.SaveAsync(tenant, id, slot.State.ToJson(), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            slot.Gate.Release();
        }
        return true;
    }

    /// <summary>Stores the thresholds changed since the last call (store_interval's backup, and its last one at shutdown);
    /// one that fails stays marked for the next call.</summary>
    /// <returns>How many were stored.</returns>
    public Task<int> StoreDirtyAsync(CancellationToken cancellationToken = default) =>
        _store is null ? Task.FromResult(0) : _backup.StoreMarkedAsync(SnapshotAsync, _store.SaveAsync, cancellationToken);

    private async ValueTask<string?> SnapshotAsync(string tenant, string id, CancellationToken cancellationToken)
    {
        if (!_states.TryGetValue((tenant, id), out var slot))
        {
            return null;
        }
        await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _states.TryGetValue((tenant, id), out var current) && ReferenceEquals(current, slot) ? slot.State.ToJson() : null;
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    private (List<ThresholdProfile> Matched, string? Error) Match(CgrEvent ev, Instant now) =>
        new ProfileSelection(EventOptions.ThresholdIds, _options.ProfileIds, EventOptions.ThresholdsProfileIgnoreFilters, _options.ProfileIgnoreFilters)
            .Match(_profiles, _filters, ev, now);

    private Slot SlotOf(ThresholdProfile profile) =>
        _states.GetOrAdd((profile.Tenant, profile.Id), static (_, p) => new Slot(Threshold.For(p)), profile);

    private sealed class Slot(Threshold state)
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public Threshold State { get; } = state;
    }
}

using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Obol.Events;
using Obol.Filters;
using Obol.Primitives;

namespace Obol.Ips;

/// <summary>
/// IPs (engine/ips.go): hands out addresses from the pools of the one profile an event matches (the heaviest), keyed by
/// the event's allocation ID, so that the same call or subscriber keeps its address until it releases it or its
/// profile's TTL runs out. Profiles are an immutable <see cref="IndexedProfiles{TProfile}"/> swapped whole; each
/// profile's allocations sit behind their own lock, and those of <c>Stored</c> profiles are saved through
/// <see cref="IIpAllocationStore"/> as store_interval says.
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "SemaphoreSlim holds no handle unless AvailableWaitHandle is read, which it never is here.")]
public sealed partial class IpService
{
    private readonly FilterService _filters;
    private volatile IpServiceOptions _options;
    private readonly IIpAllocationStore? _store;
    private readonly ConcurrentDictionary<(string Tenant, string Id), Slot> _slots = new();
    private readonly StateBackup _backup;
    private readonly SemaphoreSlim _profileWriter = new(1, 1);
    private volatile IndexedProfiles<IpProfile> _profiles = IndexedProfiles.Empty<IpProfile>();

    public IpService(FilterService filters, IpServiceOptions? options = null, IIpAllocationStore? store = null)
    {
        _filters = filters ?? throw new ArgumentNullException(nameof(filters));
        _options = options ?? IpServiceOptions.Default;
        _store = store;
        _backup = new StateBackup(_options.StoreInterval);
    }

    /// <summary>A configuration change of the section's opts, used from the next request on; the indexing stays.</summary>
    public void Reconfigure(IpServiceOptions options) => _options = options with { Index = _options.Index };

    /// <summary>Told of an allocation that could not be released (ReleaseIP still answers OK, as in CGRateS).</summary>
    public event Action<string>? Warning;

    public IndexedProfiles<IpProfile> Profiles => _profiles;

    public FilterIndexOptions IndexOptions => _options.Index;

    /// <summary>Replaces every profile; a broken filter reference is refused (the error text), leaving the old set.</summary>
    public ValueTask<string?> LoadProfilesAsync(IEnumerable<IpProfile> profiles, CancellationToken cancellationToken = default) =>
        ChangeProfilesAsync(_ => IndexedProfiles.Build(profiles, _filters, _options.Index), cancellationToken);

    /// <summary>Puts back stored allocations at start-up, after the profiles are loaded and before serving; false with
    /// the reason when they do not parse or their profile is gone.</summary>
    public bool TryRestore(string json, out string? error)
    {
        if (!IpAllocations.TryFromJson(json, out var allocations, out error))
        {
            return false;
        }
        if (_profiles.Find(allocations.Tenant, allocations.Id) is null)
        {
            error = $"no IP profile {allocations.Tenant}:{allocations.Id}";
            return false;
        }
        _slots[(allocations.Tenant, allocations.Id)] = new Slot(allocations);
        return true;
    }

    /// <summary>Stores the allocations changed since the last call (store_interval's backup, and its last one at
    /// shutdown); one that fails stays marked for the next call.</summary>
    /// <returns>How many were stored.</returns>
    public Task<int> StoreDirtyAsync(CancellationToken cancellationToken = default) =>
        _store is null ? Task.FromResult(0) : _backup.StoreMarkedAsync(SnapshotAsync, _store.SaveAsync, cancellationToken);

    private async ValueTask<string?> SnapshotAsync(string tenant, string id, CancellationToken cancellationToken)
    {
        if (!_slots.TryGetValue((tenant, id), out var slot))
        {
            return null;
        }
        await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return slot.Retired ? null : slot.State.ToJson();
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    private Slot SlotFor(IpProfile profile) =>
        _slots.GetOrAdd((profile.Tenant, profile.Id), static key => new Slot(new IpAllocations(key.Tenant, key.Id)));

    /// <summary>
    /// Swaps the profiles, then settles the allocations (DataManager.Set/RemoveIPProfile): a removed profile's go, a
    /// profile whose TTL changed (or that stopped being stored) starts over. Remembered matches are forgotten, as
    /// CGRateS clears *event_ips on every profile change.
    /// </summary>
    private async ValueTask<string?> ChangeProfilesAsync(Func<IndexedProfiles<IpProfile>, IndexedProfiles<IpProfile>?> change,
        CancellationToken cancellationToken)
    {
        await _profileWriter.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var old = _profiles;
            try
            {
                if (change(old) is not { } changed)
                {
                    return ErrorCodes.NotFound;
                }
                _profiles = changed;
            }
            catch (FilterDefinitionException e)
            {
                return e.Message;
            }
            _eventIps.Clear();
            foreach (var (key, slot) in _slots)
            {
                var current = _profiles.Find(key.Tenant, key.Id);
                var previous = old.Find(key.Tenant, key.Id);
                if (current is not null && previous is not null && !current.ResetsAllocationsOf(previous))
                {
                    continue;
                }
                await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    if (current is null)
                    {
                        slot.Retired = true;
                        _slots.TryRemove(key, out _);
                    }
                    else
                    {
                        slot.State = new IpAllocations(key.Tenant, key.Id);
                    }
                    if (_store is not null)
                    {
                        await _store.RemoveAsync(key.Tenant, key.Id, cancellationToken).ConfigureAwait(false);
                    }
                }
                finally
                {
                    slot.Gate.Release();
                }
            }
            return null;
        }
        finally
        {
            _profileWriter.Release();
        }
    }

    /// <summary>A profile's allocations and their lock. A retired slot belongs to a removed profile; whoever waited for
    /// its lock leaves it alone.</summary>
    private sealed class Slot(IpAllocations state)
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public IpAllocations State { get; set; } = state;

        public bool Retired { get; set; }
    }
}

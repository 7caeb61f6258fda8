using Obol.Events;
using Obol.Filters;

namespace Obol.Ips;

/// <summary>
/// IPs (engine/ips.go): hands out addresses from the pools of the one profile an event matches (the heaviest), keyed by
/// the event's allocation ID, so that the same call or subscriber keeps its address until it releases it or its
/// profile's TTL runs out. Profiles are an immutable <see cref="IndexedProfiles{TProfile}"/> swapped whole; each
/// profile's allocations sit behind their own lock (<see cref="ProfileStates{TProfile, TState}"/>), and those of
/// <c>Stored</c> profiles are saved through <see cref="IIpAllocationStore"/> as store_interval says.
/// </summary>
public sealed partial class IpService
{
    private readonly FilterService _filters;
    private volatile IpServiceOptions _options;
    private readonly ProfileStates<IpProfile, IpAllocations> _states;

    public IpService(FilterService filters, IpServiceOptions? options = null, IIpAllocationStore? store = null)
    {
        _filters = filters ?? throw new ArgumentNullException(nameof(filters));
        _options = options ?? IpServiceOptions.Default;
        _states = new ProfileStates<IpProfile, IpAllocations>((tenant, id) => new IpAllocations(tenant, id),
            (current, previous) => current.ResetsAllocationsOf(previous), a => a.ToJson(), _options.StoreInterval, store is null ? null : store.SaveAsync,
            store is null ? null : store.RemoveAsync);
    }

    /// <summary>A configuration change of the section's opts, used from the next request on; the indexing stays.</summary>
    public void Reconfigure(IpServiceOptions options) => _options = options with { Index = _options.Index };

    /// <summary>Told of an allocation that could not be released (ReleaseIP still answers OK, as in CGRateS).</summary>
    public event Action<string>? Warning;

    public IndexedProfiles<IpProfile> Profiles => _states.Profiles;

    public FilterIndexOptions IndexOptions => _options.Index;

    /// <summary>Replaces every profile; a broken filter reference is refused (the error text), leaving the old set.
    /// Remembered matches are forgotten, as CGRateS clears *event_ips on every profile change.</summary>
    public ValueTask<string?> LoadProfilesAsync(IEnumerable<IpProfile> profiles, CancellationToken cancellationToken = default) =>
        _states.ChangeAsync(_ => IndexedProfiles.Build(profiles, _filters, _options.Index), _eventIps.Clear, cancellationToken);

    /// <summary>Puts back stored allocations at start-up, after the profiles are loaded and before serving; false with
    /// the reason when they do not parse or their profile is gone.</summary>
    public bool TryRestore(string json, out string? error)
    {
        if (!IpAllocations.TryFromJson(json, out var allocations, out error))
        {
            return false;
        }
        if (!_states.TryRestore(allocations.Tenant, allocations.Id, allocations))
        {
            error = $"no IP profile {allocations.Tenant}:{allocations.Id}";
            return false;
        }
        return true;
    }

    /// <summary>Stores the allocations changed since the last call (store_interval's backup, and its last one at
    /// shutdown); one that fails stays marked for the next call.</summary>
    /// <returns>How many were stored.</returns>
    public Task<int> StoreDirtyAsync(CancellationToken cancellationToken = default) => _states.StoreMarkedAsync(cancellationToken);
}

using System.Diagnostics.CodeAnalysis;
using System.Collections.Concurrent;
using Obol.Events;
using Obol.Filters;
using Obol.Primitives;

namespace Obol.Resources;

/// <summary>
/// ResourceS (engine/resources.go): counts units held per usage ID against each resource's limit. An event's
/// resources are picked through the filter index and locked in ID order (so concurrent calls cannot deadlock and
/// never allocate past a limit), ordered by weight and cut after a blocker. Resources of <c>Stored</c> profiles are
/// saved through <see cref="IResourceStore"/> as store_interval says; ThresholdS hears of every allocation and release.
/// Profiles are an immutable <see cref="IndexedProfiles{TProfile}"/> swapped whole; a resource's state lives as long
/// as its profile, starting over when the profile's Limit or UsageTTL changes.
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "SemaphoreSlim holds no handle unless AvailableWaitHandle is read, which it never is here.")]
public sealed partial class ResourceService
{
    private readonly FilterService _filters;
    // Swapped whole by a configuration change (its opts); the indexing it was built with stays.
    private volatile ResourceServiceOptions _options;
    private readonly IResourceStore? _store;
    private readonly ConcurrentDictionary<(string Tenant, string Id), Slot> _slots = new();
    private readonly StateBackup _backup;
    private readonly SemaphoreSlim _profileWriter = new(1, 1);
    private volatile IndexedProfiles<ResourceProfile> _profiles = IndexedProfiles.Empty<ResourceProfile>();

    public ResourceService(FilterService filters, ResourceServiceOptions? options = null, IResourceStore? store = null)
    {
        _filters = filters ?? throw new ArgumentNullException(nameof(filters));
        _options = options ?? ResourceServiceOptions.Default;
        _store = store;
        _backup = new StateBackup(_options.StoreInterval);
    }

    /// <summary>A configuration change of the section's opts: used from the next request on. The indexing stays as the
    /// service was built with, since changing it is refused while the engine runs.</summary>
    public void Reconfigure(ResourceServiceOptions options) => _options = options with { Index = _options.Index };

    /// <summary>resources.thresholds_conns; null leaves ThresholdS out.</summary>
    public IResourceThresholdSink? Thresholds { get; set; }

    public IndexedProfiles<ResourceProfile> Profiles => _profiles;

    public FilterIndexOptions IndexOptions => _options.Index;

    /// <summary>Replaces every profile; a broken filter reference is refused (the error text), leaving the old set.</summary>
    public ValueTask<string?> LoadProfilesAsync(IEnumerable<ResourceProfile> profiles, CancellationToken cancellationToken = default) =>
        ChangeProfilesAsync(_ => IndexedProfiles.Build(profiles, _filters, _options.Index), cancellationToken);

    /// <summary>APIerSv1.SetResourceProfile.</summary>
    public ValueTask<string?> SetProfileAsync(ResourceProfile profile, CancellationToken cancellationToken = default) =>
        ChangeProfilesAsync(current => current.With(profile, _filters, _options.Index), cancellationToken);

    /// <summary>APIerSv1.RemoveResourceProfile: the resource goes with it; NOT_FOUND when there was no such profile.</summary>
    public ValueTask<string?> RemoveProfileAsync(string tenant, string id, CancellationToken cancellationToken = default) =>
        ChangeProfilesAsync(current => current.Find(tenant, id) is null ? null : current.Without(tenant, id, _filters, _options.Index),
            cancellationToken);

    /// <summary>Puts back a stored resource at start-up, after the profiles are loaded and before serving; false with
    /// the reason when it does not parse or its profile is gone.</summary>
    public bool TryRestore(string json, out string? error)
    {
        if (!Resource.TryFromJson(json, out var resource, out error))
        {
            return false;
        }
        if (_profiles.Find(resource.Tenant, resource.Id) is null)
        {
            error = $"no resource profile {resource.Tenant}:{resource.Id}";
            return false;
        }
        _slots[(resource.Tenant, resource.Id)] = new Slot(resource);
        return true;
    }

    /// <summary>ResourceSv1.GetResource: a copy of the resource as it is (expired usages are purged only by the next
    /// authorization or allocation); NOT_FOUND without a profile.</summary>
    public async ValueTask<(Resource? Resource, string? Error)> GetResourceAsync(string tenant, string id,
        CancellationToken cancellationToken = default)
    {
        var (resource, _, error) = await GetResourceWithConfigAsync(tenant, id, cancellationToken).ConfigureAwait(false);
        return (resource, error);
    }

    /// <summary>ResourceSv1.GetResourceWithConfig: the resource and its profile.</summary>
    public async ValueTask<(Resource? Resource, ResourceProfile? Profile, string? Error)> GetResourceWithConfigAsync(string tenant, string id,
        CancellationToken cancellationToken = default)
    {
        if (id.Length == 0)
        {
            return (null, null, ErrorCodes.MandatoryIeMissingFields("ID"));
        }
        if (tenant.Length == 0)
        {
            tenant = _options.DefaultTenant;
        }
        if (_profiles.Find(tenant, id) is not { } profile)
        {
            return (null, null, ErrorCodes.NotFound);
        }
        var slot = SlotFor(profile);
        await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return (slot.State.Clone(), profile, null);
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    /// <summary>
    /// Stores the resources changed since the last call (store_interval's backup, and its last one at shutdown); one
    /// that fails stays marked for the next call.
    /// </summary>
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

    private Slot SlotFor(ResourceProfile profile) =>
        _slots.GetOrAdd((profile.Tenant, profile.Id), static key => new Slot(new Resource(key.Tenant, key.Id)));

    /// <summary>
    /// Swaps the profiles, then settles the states (DataManager.Set/RemoveResourceProfile): a removed profile's
    /// resource goes, a profile whose Limit or UsageTTL changed (or that stopped being stored) starts over. Matched
    /// usage IDs are forgotten, as CGRateS clears *event_resources on every profile change.
    /// </summary>
    /// <param name="change">The new set from the current one; null when the change has nothing to act on (NOT_FOUND).</param>
    /// <param name="cancellationToken">Cancels waiting for the locks and the store.</param>
    private async ValueTask<string?> ChangeProfilesAsync(Func<IndexedProfiles<ResourceProfile>, IndexedProfiles<ResourceProfile>?> change,
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
            _eventResources.Clear();
            foreach (var (key, slot) in _slots)
            {
                var current = _profiles.Find(key.Tenant, key.Id);
                var previous = old.Find(key.Tenant, key.Id);
                if (current is not null && previous is not null && !current.ResetsResourceOf(previous))
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
                        slot.State = new Resource(key.Tenant, key.Id);
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

    /// <summary>A resource's state and its lock. A retired slot belongs to a removed profile; whoever waited for its
    /// lock leaves it alone.</summary>
    private sealed class Slot(Resource state)
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public Resource State { get; set; } = state;

        public bool Retired { get; set; }
    }
}

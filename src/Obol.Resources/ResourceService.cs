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
public sealed partial class ResourceService
{
    private readonly FilterService _filters;
    // Swapped whole by a configuration change (its opts); the indexing it was built with stays.
    private volatile ResourceServiceOptions _options;
    private readonly ProfileStates<ResourceProfile, Resource> _states;

    public ResourceService(FilterService filters, ResourceServiceOptions? options = null, IResourceStore? store = null)
    {
        _filters = filters ?? throw new ArgumentNullException(nameof(filters));
        _options = options ?? ResourceServiceOptions.Default;
        _states = new ProfileStates<ResourceProfile, Resource>((tenant, id) => new Resource(tenant, id),
            (current, previous) => current.ResetsResourceOf(previous), r => r.ToJson(), _options.StoreInterval, store is null ? null : store.SaveAsync,
            store is null ? null : store.RemoveAsync);
    }

    /// <summary>A configuration change of the section's opts: used from the next request on. The indexing stays as the
    /// service was built with, since changing it is refused while the engine runs.</summary>
    public void Reconfigure(ResourceServiceOptions options) => _options = options with { Index = _options.Index };

    /// <summary>resources.thresholds_conns; null leaves ThresholdS out.</summary>
    public IResourceThresholdSink? Thresholds { get; set; }

    public IndexedProfiles<ResourceProfile> Profiles => _states.Profiles;

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
        if (!_states.TryRestore(resource.Tenant, resource.Id, resource))
        {
            error = $"no resource profile {resource.Tenant}:{resource.Id}";
            return false;
        }
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
        if (_states.Profiles.Find(tenant, id) is not { } profile)
        {
            return (null, null, ErrorCodes.NotFound);
        }
        var slot = _states.SlotFor(profile);
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
    public Task<int> StoreDirtyAsync(CancellationToken cancellationToken = default) => _states.StoreMarkedAsync(cancellationToken);

    /// <summary>
    /// Swaps the profiles, then settles the states (DataManager.Set/RemoveResourceProfile): a removed profile's
    /// resource goes, a profile whose Limit or UsageTTL changed (or that stopped being stored) starts over. Matched
    /// usage IDs are forgotten, as CGRateS clears *event_resources on every profile change.
    /// </summary>
    private ValueTask<string?> ChangeProfilesAsync(Func<IndexedProfiles<ResourceProfile>, IndexedProfiles<ResourceProfile>?> change,
        CancellationToken cancellationToken) =>
        _states.ChangeAsync(change, _eventResources.Clear, cancellationToken);
}

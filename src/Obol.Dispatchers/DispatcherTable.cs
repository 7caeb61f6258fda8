using System.Collections.Frozen;
using NodaTime;
using Obol.Events;
using Obol.Filters;
using Obol.Primitives;

namespace Obol.Dispatchers;

/// <summary>
/// The dispatcher profiles, indexed per tenant, and the hosts they name; immutable, swapped whole on every change.
/// </summary>
public sealed class DispatcherTable
{
    private readonly FrozenDictionary<(string Tenant, string Id), DispatcherHost> _hosts;

    private DispatcherTable(IndexedProfiles<DispatcherProfile> profiles, FrozenDictionary<(string, string), DispatcherHost> hosts,
        FilterService filters, DispatcherOptions options)
    {
        Profiles = profiles;
        _hosts = hosts;
        Filters = filters;
        Options = options;
    }

    public IndexedProfiles<DispatcherProfile> Profiles { get; }

    public FilterService Filters { get; }

    public DispatcherOptions Options { get; }

    public static DispatcherTable Empty(FilterService filters, DispatcherOptions? options = null) =>
        new(IndexedProfiles.Empty<DispatcherProfile>(), FrozenDictionary<(string, string), DispatcherHost>.Empty, filters,
            options ?? DispatcherOptions.Default);

    /// <summary>A table of the profiles (indexed against <paramref name="filters"/>) and hosts given.</summary>
    public static DispatcherTable Create(IEnumerable<DispatcherProfile> profiles, IEnumerable<DispatcherHost> hosts, FilterService filters,
        DispatcherOptions? options = null)
    {
        options ??= DispatcherOptions.Default;
        return new DispatcherTable(IndexedProfiles.Build(profiles, filters, options.Index),
            hosts.ToFrozenDictionary(h => (h.Tenant, h.Id)), filters, options);
    }

    /// <summary>The same profiles with other hosts.</summary>
    public DispatcherTable WithHosts(IEnumerable<DispatcherHost> hosts) =>
        new(Profiles, hosts.ToFrozenDictionary(h => (h.Tenant, h.Id)), Filters, Options);

    /// <summary>Other profiles, already indexed against <paramref name="filters"/>, with the same hosts.</summary>
    public DispatcherTable WithProfiles(IndexedProfiles<DispatcherProfile> profiles, FilterService filters) =>
        new(profiles, _hosts, filters, Options);

    /// <summary>The same profiles and hosts under other options.</summary>
    public DispatcherTable WithOptions(DispatcherOptions options) => new(Profiles, _hosts, Filters, options);

    public DispatcherHost? FindHost(string tenant, string id) => _hosts.GetValueOrDefault((tenant, id));

    /// <summary>
    /// dispatcherProfilesForEvent: the tenant's profiles of <paramref name="subsystem"/> (and of <c>*any</c>, when it has
    /// none or <c>any_subsystem</c> is on) that are active at the event's time and pass their filters, heaviest first,
    /// at most <paramref name="limit"/>. Null with <c>NOT_FOUND</c> when none does, or the filter error.
    /// </summary>
    public List<DispatcherProfile>? Match(string tenant, string subsystem, IDataProvider data, Instant? eventTime, Instant now, int? limit,
        out string? error)
    {
        var candidates = Profiles.Candidates(tenant, data);
        var own = candidates.FindAll(p => p.Subsystems.Contains(subsystem, StringComparer.Ordinal));
        if (own.Count == 0 || Options.AnySubsystem)
        {
            foreach (var profile in candidates)
            {
                if (profile.ServesAny && !own.Contains(profile))
                {
                    own.Add(profile);
                }
            }
        }
        var matched = new List<DispatcherProfile>(own.Count);
        foreach (var profile in own.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            if (!profile.Serves(subsystem)
                || (profile.Activation is { } window && eventTime is { } time && !window.IsActiveAt(time)))
            {
                continue;
            }
            var outcome = Filters.Pass(tenant, profile.FilterIds, data, now);
            if (outcome.Error is { } filterError)
            {
                error = filterError;
                return null;
            }
            if (outcome.Passed)
            {
                matched.Add(profile);
            }
        }
        if (matched.Count == 0)
        {
            error = ErrorCodes.NotFound;
            return null;
        }
        error = null;
        // OrderBy is stable: equal weights stay in ID order, where CGRateS leaves them in its map's order.
        var sorted = matched.OrderByDescending(p => p.Weight);
        return [.. limit is { } count && count < matched.Count ? sorted.Take(Math.Max(count, 0)) : sorted];
    }
}

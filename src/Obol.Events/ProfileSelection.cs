using NodaTime;
using Obol.Filters;
using Obol.Primitives;

namespace Obol.Events;

/// <summary>
/// How StatS, ThresholdS and the other subsystems pick profiles for an event (matching*ForEvent): the IDs named in an
/// option (else the configured ones, else the index's candidates), each passing its filters unless the ignore-filters
/// option says otherwise — which only applies to named IDs. An event matching nothing is NOT_FOUND.
/// </summary>
public sealed record ProfileSelection(string IdsOption, IReadOnlyList<string> DefaultIds, string IgnoreFiltersOption, bool DefaultIgnoreFilters)
{
    /// <summary>The passing profiles in ID order, or the error; <paramref name="isActive"/> drops inactive ones first.</summary>
    public (List<TProfile> Matched, string? Error) Match<TProfile>(IndexedProfiles<TProfile> profiles, FilterService filters, CgrEvent ev,
        Instant now, Func<TProfile, bool>? isActive = null)
        where TProfile : class, IEventProfile
    {
        if (!EventOptionValues.TryGetStringList(ev, IdsOption, DefaultIds, out var named, out var error)
            || !EventOptionValues.TryGetBool(ev, IgnoreFiltersOption, DefaultIgnoreFilters, out var ignoreFilters, out error))
        {
            return ([], error);
        }
        var filterEvent = ev.ToFilterEvent();
        List<TProfile> candidates;
        if (named.Count == 0)
        {
            ignoreFilters = false;
            candidates = profiles.Candidates(ev.Tenant, filterEvent);
        }
        else
        {
            candidates = [.. named.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
                .Select(id => profiles.Find(ev.Tenant, id)).OfType<TProfile>()];
        }
        var matched = new List<TProfile>(candidates.Count);
        foreach (var profile in candidates)
        {
            if (isActive is not null && !isActive(profile))
            {
                continue;
            }
            if (!ignoreFilters)
            {
                var outcome = filters.Pass(ev.Tenant, profile.FilterIds, filterEvent, now);
                if (outcome.IsError)
                {
                    return ([], outcome.Error);
                }
                if (!outcome.Passed)
                {
                    continue;
                }
            }
            matched.Add(profile);
        }
        return matched.Count == 0 ? ([], ErrorCodes.NotFound) : (matched, null);
    }
}

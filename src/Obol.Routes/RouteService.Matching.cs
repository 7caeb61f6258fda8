using NodaTime;
using Obol.Events;
using Obol.Primitives;

namespace Obol.Routes;

public sealed partial class RouteService
{
    /// <summary>matchingRouteProfilesForEvent: index candidates, active at the event's Time (when it has one), passing
    /// their filters, by weight. Equal weights keep ID order (CGRateS leaves them in map order). Route profiles have
    /// no Blocker.</summary>
    internal (List<RouteProfile> Matched, string? Error) Match(string tenant, CgrEvent ev, Instant now)
    {
        var filterEvent = ev.ToFilterEvent();
        var candidates = _profiles.Candidates(tenant, filterEvent);
        var matched = new List<RouteProfile>(candidates.Count);
        foreach (var profile in candidates)
        {
            if (profile.Activation is { } window && ev.Time is { } at && !window.IsActiveAt(at))
            {
                continue;
            }
            var outcome = _filters.Pass(tenant, profile.FilterIds, filterEvent, now);
            if (outcome.IsError)
            {
                return ([], outcome.Error);
            }
            if (outcome.Passed)
            {
                matched.Add(profile);
            }
        }
        if (matched.Count == 0)
        {
            return ([], ErrorCodes.NotFound);
        }
        return ([.. matched.OrderByDescending(p => p.Weight)], null);
    }
}

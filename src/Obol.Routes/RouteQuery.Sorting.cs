using Obol.Filters;
using Obol.Primitives;

namespace Obol.Routes;

internal sealed partial class RouteQuery
{
    /// <summary>sortedRoutesForProfile: the routes passing their own filters (rules CGRateS cannot check yet are kept
    /// for after the sorting data is known), sorted, then paged. Null when the query failed.</summary>
    private async ValueTask<SortedRoutes?> SortProfileAsync(RouteProfile profile, int? limit, int? offset)
    {
        var filterEvent = ev.ToFilterEvent();
        var passed = new List<(Route Route, IReadOnlyList<FilterRule> Deferred)>(profile.Routes.Count);
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var route in profile.Routes)
        {
            var check = RouteFilters.Check(service.Filters, ev.Tenant, route.FilterIds, filterEvent, now);
            if (check.Error is { } error)
            {
                Fail(error);
                return null;
            }
            if (!check.Passed)
            {
                continue;
            }
            // The same route ID under other filters: the heaviest that passes wins, the first one on a tie.
            if (byId.TryGetValue(route.Id, out var index))
            {
                if (passed[index].Route.Weight < route.Weight)
                {
                    passed[index] = (route, check.Deferred);
                }
                continue;
            }
            byId[route.Id] = passed.Count;
            passed.Add((route, check.Deferred));
        }
        var sorted = await SortAsync(profile, passed).ConfigureAwait(false);
        if (sorted is null)
        {
            return null;
        }
        var routes = sorted.Routes;
        // CGRateS parity: an offset or limit past the end leaves the list as it is.
        if (offset is { } skip && skip <= routes.Count)
        {
            routes = [.. routes.Skip(skip)];
        }
        if (limit is { } take && take <= routes.Count)
        {
            routes = [.. routes.Take(take)];
        }
        sorted.Routes = routes;
        return sorted;
    }

    /// <summary>The route sorters (route_*.go): each checks the route has what its strategy reads, fills the sorting
    /// data and orders the routes.</summary>
    private async ValueTask<SortedRoutes?> SortAsync(RouteProfile profile, List<(Route Route, IReadOnlyList<FilterRule> Deferred)> passed)
    {
        var sorting = profile.Sorting;
        var routes = new List<SortedRoute>(passed.Count);
        foreach (var (route, deferred) in passed)
        {
            if (MissingForStrategy(sorting, route) is { } missing)
            {
                Fail(ErrorCodes.MandatoryIeMissingFields(missing));
                return null;
            }
            var sorted = await PopulateAsync(profile, route, deferred).ConfigureAwait(false);
            if (Error is not null)
            {
                return null;
            }
            if (sorted is null)
            {
                continue;
            }
            if (sorting == RouteSortings.LoadDistribution)
            {
                sorted.Set(SortingDataKeys.Ratio, (decimal)(route.Ratio ?? service.Options.DefaultRatio));
            }
            routes.Add(sorted);
        }
        // CGRateS breaks ties with a random bool inside sort.Slice; shuffling first and sorting stably gives ties a
        // random order without an inconsistent comparer.
        var shuffled = routes.ToArray();
        service.Shuffle(shuffled);
        var comparison = RouteComparers.For(sorting, profile.SortingParameters);
        return new SortedRoutes(profile.Id, sorting, [.. shuffled.Order(Comparer<SortedRoute>.Create(comparison))]);
    }

    private static string? MissingForStrategy(string sorting, Route route) => sorting switch
    {
        RouteSortings.LeastCost or RouteSortings.HighestCost when route.RatingPlanIds.Count == 0 && route.AccountIds.Count == 0
            => "RatingPlanIDs or AccountIDs",
        RouteSortings.ResourceAscending or RouteSortings.ResourceDescending when route.ResourceIds.Count == 0 => "ResourceIDs",
        RouteSortings.LoadDistribution when route.StatIds.Count == 0 => "StatIDs",
        _ => null,
    };
}

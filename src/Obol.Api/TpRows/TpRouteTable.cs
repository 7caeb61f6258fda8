using static Obol.Api.TpRows.TpFields;
using static Obol.Api.TpRows.TpProfileFields;

namespace Obol.Api.TpRows;

/// <summary>
/// Routes.csv (RouteMdls.AsTPRouteProfile, APItoModelTPRoutes): one row per route, the first carrying the profile's
/// fields, so a profile without Routes stores no row. Rows of one route ID and the same set of RouteFilterIDs make one
/// route, which takes Weight, Blocker and RouteParameters from its first row and appends the ID lists of all.
/// </summary>
internal sealed class TpRouteTable(string defaultTenant) : TpProfileTable<ApiTpRouteProfile>(defaultTenant)
{
    public override string FileName => "Routes.csv";

    public override IEnumerable<string[]> Rows(ApiTpRouteProfile item)
    {
        var tenant = TenantOf(item);
        return (item.Routes ?? []).Select((r, i) => new[]
        {
            tenant, item.ID!, i == 0 ? List(item.FilterIDs) : "", i == 0 ? ActivationText(item.ActivationInterval) : "",
            i == 0 ? item.Sorting ?? "" : "", i == 0 ? List(item.SortingParameters) : "", r.ID ?? "", List(r.FilterIDs),
            List(r.AccountIDs), List(r.RatingPlanIDs), List(r.ResourceIDs), List(r.StatIDs), Number(r.Weight), Bool(r.Blocker),
            r.RouteParameters ?? "", Number(i == 0 ? item.Weight : 0),
        });
    }

    public override ApiTpRouteProfile Build(string tpId, IReadOnlyList<string[]> rows)
    {
        ApiTpActivationInterval? activation = null;
        List<string>? filterIds = null, sortingParameters = null;
        List<ApiTpRoute>? routes = null;
        var keys = new List<string>();
        var sorting = "";
        var weight = 0m;
        foreach (var row in rows)
        {
            if (row[6].Length != 0)
            {
                routes ??= [];
                var key = RouteKey(row[6], row[7]);
                var index = keys.IndexOf(key);
                if (index < 0)
                {
                    index = routes.Count;
                    keys.Add(key);
                    routes.Add(new ApiTpRoute(row[6], null, null, null, null, null, Number(row[12]), Bool(row[13]), row[14]));
                }
                var route = routes[index];
                List<string>? routeFilters = route.FilterIDs, accounts = route.AccountIDs, ratingPlans = route.RatingPlanIDs,
                    resources = route.ResourceIDs, stats = route.StatIDs;
                AddAll(ref routeFilters, row[7]);
                AddAll(ref ratingPlans, row[9]);
                AddAll(ref resources, row[10]);
                AddAll(ref stats, row[11]);
                AddAll(ref accounts, row[8]);
                routes[index] = route with
                {
                    FilterIDs = routeFilters, AccountIDs = accounts, RatingPlanIDs = ratingPlans, ResourceIDs = resources, StatIDs = stats,
                };
            }
            sorting = row[4].Length == 0 ? sorting : row[4];
            AddDistinct(ref sortingParameters, row[5]);
            weight = Number(row[15]) is var w && w != 0 ? w : weight;
            activation = Activation(row[3]) ?? activation;
            AddDistinct(ref filterIds, row[2]);
        }
        return new(tpId, rows[0][0], rows[0][1], filterIds, activation, sorting, sortingParameters, routes, weight);
    }

    // CGRateS keys a route by its ID and the hash of its RouteFilterIDs as a set: order and repeats do not matter.
    private static string RouteKey(string routeId, string filterIds) =>
        filterIds.Length == 0 ? routeId : routeId + "\n" + string.Join(';', filterIds.Split(';').Distinct().Order(StringComparer.Ordinal));
}

/// <summary>utils.TPRouteProfile.</summary>
public sealed record ApiTpRouteProfile(string? TPid, string? Tenant, string? ID, List<string>? FilterIDs,
    ApiTpActivationInterval? ActivationInterval, string? Sorting, List<string>? SortingParameters, List<ApiTpRoute>? Routes,
    decimal Weight) : ITpProfile;

/// <summary>utils.TPRoute.</summary>
public sealed record ApiTpRoute(string? ID, List<string>? FilterIDs, List<string>? AccountIDs, List<string>? RatingPlanIDs,
    List<string>? ResourceIDs, List<string>? StatIDs, decimal Weight, bool Blocker, string? RouteParameters);

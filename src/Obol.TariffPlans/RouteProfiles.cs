namespace Obol.TariffPlans;

/// <summary>
/// Routes.csv (model_helpers.go AsTPRouteProfile): every row with a RouteID adds to the route of that ID and
/// RouteFilterIDs set (a route's Weight, Blocker and Parameters come from its first row, its ID lists are appended);
/// a non-empty Sorting, a non-zero Weight or a non-empty ActivationInterval of any row replace the earlier ones, and
/// FilterIDs and SortingParameters merge as sets.
/// </summary>
internal sealed class RouteProfiles(ReferenceCollector references)
{
    private readonly ProfileTable<Builder> _table = new();

    public void Read(PlanRow row)
    {
        var (tenant, id, filterIds, activation) = row.ProfileHead();
        var sorting = row.Text(4);
        var sortingParameters = row.List(5);
        var routeId = row.Text(6);
        var routeFilterIds = row.List(7);
        row.CheckInlineFilters(7, routeFilterIds);
        var routeWeight = row.Decimal(12);
        var routeBlocker = row.Bool(13);
        var weight = row.Decimal(15);
        if (row.HasErrors)
        {
            return;
        }
        references.AddFilters(tenant, filterIds, row, 2);
        var builder = _table.GetOrAdd(tenant, id, () => new Builder(row.Location, tenant, id));
        if (routeId.Length != 0)
        {
            references.AddFilters(tenant, routeFilterIds, row, 7);
            var ratingPlanIds = row.List(9);
            foreach (var ratingPlanId in ratingPlanIds)
            {
                references.Add(ReferenceRule.RouteRatingPlan, ratingPlanId, row, 9);
            }
            var route = builder.Route(row.Location, routeId, routeFilterIds, routeWeight, routeBlocker, row.Text(14));
            route.FilterIds.AddRange(routeFilterIds);
            route.AccountIds.AddRange(row.List(8));
            route.RatingPlanIds.AddRange(ratingPlanIds);
            route.ResourceIds.AddRange(row.List(10));
            route.StatIds.AddRange(row.List(11));
        }
        if (sorting.Length != 0)
        {
            builder.Sorting = sorting;
        }
        builder.SortingParameters.AddRange(sortingParameters);
        if (weight != 0)
        {
            builder.Weight = weight;
        }
        if (activation is not null)
        {
            builder.Activation = activation;
        }
        builder.FilterIds.AddRange(filterIds);
    }

    public TpRouteProfile[] Build() => _table.Build(b => new TpRouteProfile(
        b.Location, b.Tenant, b.Id, b.FilterIds.ToArray(), b.Activation, b.Sorting, b.SortingParameters.ToArray(),
        b.Routes.ConvertAll(r => new TpRoute(
            r.Location, r.Id, [.. r.FilterIds], [.. r.AccountIds], [.. r.RatingPlanIds], [.. r.ResourceIds], [.. r.StatIds],
            r.Weight, r.Blocker, r.Parameters)),
        b.Weight));

    private sealed class Builder(SourceLocation location, string tenant, string id)
    {
        private readonly Dictionary<string, RouteBuilder> _routeByKey = new(StringComparer.Ordinal);

        public SourceLocation Location { get; } = location;
        public string Tenant { get; } = tenant;
        public string Id { get; } = id;
        public string Sorting { get; set; } = "";
        public decimal Weight { get; set; }
        public TpActivationInterval? Activation { get; set; }
        public OrderedSet FilterIds { get; } = new();
        public OrderedSet SortingParameters { get; } = new();
        public List<RouteBuilder> Routes { get; } = [];

        public RouteBuilder Route(
            SourceLocation location, string routeId, string[] filterIds, decimal weight, bool blocker, string parameters)
        {
            // CGRateS keys a route by its ID plus the SHA-1 of its RouteFilterIDs set: the same ID under other
            // filters is another route.
            var key = filterIds.Length == 0
                ? routeId
                : routeId + "\n" + string.Join(FieldText.ListSeparator, filterIds.Distinct().Order(StringComparer.Ordinal));
            if (!_routeByKey.TryGetValue(key, out var route))
            {
                route = new RouteBuilder(location, routeId, weight, blocker, parameters);
                _routeByKey[key] = route;
                Routes.Add(route);
            }
            return route;
        }
    }

    private sealed class RouteBuilder(SourceLocation location, string id, decimal weight, bool blocker, string parameters)
    {
        public SourceLocation Location { get; } = location;
        public string Id { get; } = id;
        public decimal Weight { get; } = weight;
        public bool Blocker { get; } = blocker;
        public string Parameters { get; } = parameters;
        public List<string> FilterIds { get; } = [];
        public List<string> AccountIds { get; } = [];
        public List<string> RatingPlanIds { get; } = [];
        public List<string> ResourceIds { get; } = [];
        public List<string> StatIds { get; } = [];
    }
}

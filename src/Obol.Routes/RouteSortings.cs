namespace Obol.Routes;

/// <summary>The sorting strategies of a route profile (utils/consts.go Meta*; engine/libroutes.go NewRouteSortDispatcher).</summary>
public static class RouteSortings
{
    /// <summary>By route weight, highest first.</summary>
    public const string Weight = "*weight";

    /// <summary>Least cost first (RatingPlanIDs/AccountIDs), then weight.</summary>
    public const string LeastCost = "*lc";

    /// <summary>Highest cost first, then weight.</summary>
    public const string HighestCost = "*hc";

    /// <summary>By the StatS metrics named in SortingParameters, in order; <c>*pdd</c> ascending, others descending.</summary>
    public const string Qos = "*qos";

    /// <summary>Resource usage ascending, then weight.</summary>
    public const string ResourceAscending = "*reas";

    /// <summary>Resource usage descending, then weight.</summary>
    public const string ResourceDescending = "*reds";

    /// <summary>Load distribution: StatS load divided by the route's ratio, ascending.</summary>
    public const string LoadDistribution = "*load";

    public static bool IsKnown(string sorting) => sorting is Weight or LeastCost or HighestCost or Qos
        or ResourceAscending or ResourceDescending or LoadDistribution;
}

/// <summary>The keys RouteS writes into <see cref="SortedRoute.SortingData"/> (utils/consts.go).</summary>
public static class SortingDataKeys
{
    public const string Weight = "Weight";
    public const string Cost = "Cost";
    public const string RatingPlanId = "RatingPlanID";
    public const string MaxUsage = "MaxUsage";
    public const string Account = "Account";
    public const string ResourceUsage = "ResourceUsage";
    public const string Load = "Load";
    public const string Ratio = "Ratio";

    /// <summary>The one QoS metric where lower is better; a route without it sorts as <c>math.MaxFloat64</c>.</summary>
    public const string Pdd = "*pdd";
}

/// <summary>
/// The APIOpts RouteS reads (utils/consts.go, CGRateS master): these are the event option names, not the
/// cgrates.json <c>routes.opts</c> keys (<c>*limit</c>, <c>*offset</c>...), which give their defaults.
/// </summary>
public static class RouteOptions
{
    public const string ProfileCount = "*rouProfileCount";
    public const string Limit = "*rouLimit";
    public const string Offset = "*rouOffset";
    public const string IgnoreErrors = "*rouIgnoreErrors";
    public const string MaxCost = "*rouMaxCost";

    /// <summary>The *rouMaxCost value meaning "the cost of this event as rated for its account".</summary>
    public const string EventCost = "*event_cost";
}

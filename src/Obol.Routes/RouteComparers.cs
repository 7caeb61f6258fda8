namespace Obol.Routes;

/// <summary>The orderings of engine/libroutes.go (SortWeight ... SortLoadDistribution) as comparisons; equal routes
/// compare 0 and are left in their (shuffled) order.</summary>
internal static class RouteComparers
{
    public static Comparison<SortedRoute> For(string sorting, IReadOnlyList<string> parameters) => sorting switch
    {
        RouteSortings.LeastCost => (a, b) => Ascending(a, b, SortingDataKeys.Cost),
        RouteSortings.HighestCost => (a, b) => Descending(a, b, SortingDataKeys.Cost),
        RouteSortings.Qos => (a, b) => Qos(a, b, parameters),
        RouteSortings.ResourceAscending => (a, b) => Ascending(a, b, SortingDataKeys.ResourceUsage),
        RouteSortings.ResourceDescending => (a, b) => Descending(a, b, SortingDataKeys.ResourceUsage),
        RouteSortings.LoadDistribution => Load,
        _ => ByWeight,
    };

    /// <summary>Heavier first.</summary>
    private static int ByWeight(SortedRoute a, SortedRoute b) => b.Key(SortingDataKeys.Weight).CompareTo(a.Key(SortingDataKeys.Weight));

    private static int Ascending(SortedRoute a, SortedRoute b, string key)
    {
        var x = a.Key(key);
        var y = b.Key(key);
        return x == y ? ByWeight(a, b) : x.CompareTo(y);
    }

    private static int Descending(SortedRoute a, SortedRoute b, string key)
    {
        var x = a.Key(key);
        var y = b.Key(key);
        return x == y ? ByWeight(a, b) : y.CompareTo(x);
    }

    /// <summary>SortQOS: the first parameter that differs decides, higher first except <c>*pdd</c>; then weight.</summary>
    private static int Qos(SortedRoute a, SortedRoute b, IReadOnlyList<string> parameters)
    {
        foreach (var parameter in parameters)
        {
            var x = a.Key(parameter);
            var y = b.Key(parameter);
            if (x == y)
            {
                continue;
            }
            return parameter == SortingDataKeys.Pdd ? x.CompareTo(y) : y.CompareTo(x);
        }
        return ByWeight(a, b);
    }

    /// <summary>SortLoadDistribution: Load/Ratio ascending, then weight. A zero ratio divides to ∞ or NaN as in Go;
    /// NaN is neither less nor greater, so such routes keep their place.</summary>
    private static int Load(SortedRoute a, SortedRoute b)
    {
        var x = a.Key(SortingDataKeys.Load) / a.Key(SortingDataKeys.Ratio);
        var y = b.Key(SortingDataKeys.Load) / b.Key(SortingDataKeys.Ratio);
        if (x == y)
        {
            return ByWeight(a, b);
        }
        return x < y ? -1 : y < x ? 1 : 0;
    }
}

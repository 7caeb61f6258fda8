using System.Text.Json.Serialization;

namespace Obol.Routes;

/// <summary>
/// One route of a reply (engine.SortedRoute). <see cref="SortingData"/> holds what the sorting looked at and what it
/// learned on the way: Weight, Cost and RatingPlanID (or MaxUsage and Account), metric values, ResourceUsage, Load
/// and Ratio. Numbers are <see cref="decimal"/>, MaxUsage a <see cref="Primitives.Usage"/>, and a missing
/// <c>*pdd</c> is <see cref="double.MaxValue"/> (Go's math.MaxFloat64, beyond decimal's range).
/// Keys are kept in ordinal order, the order Go's encoding/json writes map keys in.
/// </summary>
public sealed class SortedRoute
{
    private readonly SortedDictionary<string, object?> _data = new(StringComparer.Ordinal);

    // CGRateS sorts on a float64 shadow of SortingData (sortingDataF64) so that non-numbers weigh 0.
    private readonly Dictionary<string, double> _sortKeys = new(StringComparer.Ordinal);

    internal SortedRoute(Route route)
    {
        RouteId = route.Id;
        RouteParameters = route.RouteParameters;
        Set(SortingDataKeys.Weight, route.Weight);
    }

    [JsonPropertyName("RouteID")]
    public string RouteId { get; }

    public string RouteParameters { get; }

    public IReadOnlyDictionary<string, object?> SortingData => _data;

    internal void Set(string key, object? value)
    {
        _data[key] = value;
        // CGRateS parity: `sortingDataF64[k], _ = v.(float64)` — only float64 values count, others sort as 0.
        _sortKeys[key] = value switch
        {
            decimal d => (double)d,
            double f => f,
            _ => 0,
        };
    }

    /// <summary>The sort key of <paramref name="key"/>; 0 when absent, as a missing Go map entry reads.</summary>
    internal double Key(string key) => _sortKeys.GetValueOrDefault(key);
}

/// <summary>The sorted routes of one profile (engine.SortedRoutes).</summary>
public sealed class SortedRoutes(string profileId, string sorting, IReadOnlyList<SortedRoute> routes)
{
    [JsonPropertyName("ProfileID")]
    public string ProfileId { get; } = profileId;

    public string Sorting { get; } = sorting;

    public IReadOnlyList<SortedRoute> Routes { get; internal set; } = routes;

    /// <summary>Route IDs with <c>:parameters</c> when there are any (SortedRoutes.RoutesWithParams).</summary>
    public IEnumerable<string> RoutesWithParameters() =>
        Routes.Select(r => r.RouteParameters.Length == 0 ? r.RouteId : $"{r.RouteId}:{r.RouteParameters}");
}

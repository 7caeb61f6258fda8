using Obol.Events;
using Obol.Filters;

namespace Obol.Routes;

/// <summary>
/// A RouteS profile (engine.RouteProfile, one Routes.csv row group), already validated: its sorting is known and its
/// <c>*load</c> ratios are parsed. Build it with <see cref="RouteProfileDefinition"/>.
/// </summary>
public sealed record RouteProfile(string Tenant, string Id) : IEventProfile
{
    public IReadOnlyList<string> FilterIds { get; init; } = [];

    public ActivationWindow? Activation { get; init; }

    public string Sorting { get; init; } = RouteSortings.Weight;

    /// <summary>Metric IDs for <c>*qos</c>, <c>routeID:ratio</c> pairs for <c>*load</c>; unused by the others.</summary>
    public IReadOnlyList<string> SortingParameters { get; init; } = [];

    public IReadOnlyList<Route> Routes { get; init; } = [];

    public decimal Weight { get; init; }
}

namespace Obol.Routes;

/// <summary>
/// What RouteSv1.GetRoutes answers: the sorted routes per profile, or the CGRateS error text (NOT_FOUND,
/// <c>SERVER_ERROR: ...</c>, <c>MANDATORY_IE_MISSING: [ID]</c>). <see cref="Warnings"/> are what CGRateS logs as
/// RouteS warnings (routes ignored for missing cost, max cost or an error under <c>*rouIgnoreErrors</c>, failed
/// stat and resource lookups); the caller logs them.
/// </summary>
public sealed record RouteQueryResult(IReadOnlyList<SortedRoutes> Routes, string? Error, IReadOnlyList<string> Warnings)
{
    public bool IsSuccess => Error is null;

    /// <summary>RouteSv1.GetRoutesList: every route as <c>routeID[:parameters]</c>, profile after profile
    /// (SortedRoutesList.RoutesWithParams(false)).</summary>
    public IReadOnlyList<string> RoutesWithParameters() => [.. Routes.SelectMany(r => r.RoutesWithParameters())];

    internal static RouteQueryResult Failed(string error, IReadOnlyList<string> warnings) => new([], error, warnings);
}

namespace Obol.Routes;

/// <summary>
/// One route of a profile (engine.Route): its own filters, where its cost, stats and resource usage come from, and
/// the parameters handed back to the caller (a gateway, a trunk...). Immutable.
/// </summary>
public sealed record Route(string Id)
{
    public IReadOnlyList<string> FilterIds { get; init; } = [];

    /// <summary>Accounts asked first for the usage they can cover (Responder.GetMaxSessionTimeOnAccounts).</summary>
    public IReadOnlyList<string> AccountIds { get; init; } = [];

    /// <summary>Rating plans tried in order for the cost (Responder.GetCostOnRatingPlans).</summary>
    public IReadOnlyList<string> RatingPlanIds { get; init; } = [];

    public IReadOnlyList<string> ResourceIds { get; init; } = [];

    /// <summary>Stat queue IDs; under <c>*load</c> an entry may be <c>StatID:MetricID</c> to count one metric only.</summary>
    public IReadOnlyList<string> StatIds { get; init; } = [];

    public decimal Weight { get; init; }

    /// <summary>Kept for the wire: CGRateS loads and returns it but no sorter reads it.</summary>
    public bool Blocker { get; init; }

    public string RouteParameters { get; init; } = "";

    /// <summary>The <c>*load</c> ratio from SortingParameters (<c>routeID:ratio</c>, else <c>*default:ratio</c>);
    /// null means routes.default_ratio. Compiled with the profile, as RouteProfile.Compile does.</summary>
    public int? Ratio { get; init; }
}

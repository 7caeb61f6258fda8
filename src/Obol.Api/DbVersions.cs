namespace Obol.Api;

/// <summary>
/// CGRateS's data and stor DB versions (engine/version.go), which cgr-migrator and the <c>*_versions</c> console
/// commands read. Obol keeps its own store's schema current itself, so a fresh store holds CGRateS's current versions:
/// a migrator pointed at it finds nothing to do.
/// </summary>
public static class DbVersions
{
    /// <summary>CurrentDataDBVersions.</summary>
    public static IReadOnlyDictionary<string, long> Data { get; } = new Dictionary<string, long>(StringComparer.Ordinal)
    {
        ["Stats"] = 4, ["Accounts"] = 3, ["Actions"] = 2, ["ActionTriggers"] = 2, ["ActionPlans"] = 3, ["SharedGroups"] = 2,
        ["Thresholds"] = 4, ["Routes"] = 2, ["Attributes"] = 6, ["Timing"] = 1, ["RQF"] = 5, ["Resource"] = 1, ["IP"] = 1,
        ["Subscribers"] = 1, ["Destinations"] = 1, ["ReverseDestinations"] = 1, ["RatingPlan"] = 1, ["RatingProfile"] = 1,
        ["Chargers"] = 2, ["Dispatchers"] = 2, ["LoadIDs"] = 1,
    };

    /// <summary>CurrentStorDBVersions.</summary>
    public static IReadOnlyDictionary<string, long> Stor { get; } = new Dictionary<string, long>(StringComparer.Ordinal)
    {
        ["CostDetails"] = 2, ["SessionSCosts"] = 3, ["CDRs"] = 2, ["TpRatingPlans"] = 1, ["TpFilters"] = 1, ["TpDestinationRates"] = 1,
        ["TpActionTriggers"] = 1, ["TpAccountActions"] = 1, ["TpActionPlans"] = 1, ["TpActions"] = 1, ["TpThresholds"] = 1,
        ["TpRoutes"] = 1, ["TpStats"] = 1, ["TpSharedGroups"] = 1, ["TpRatingProfiles"] = 1, ["TpResources"] = 1, ["TpIPs"] = 1,
        ["TpRates"] = 1, ["TpTiming"] = 1, ["TpResource"] = 1, ["TpIP"] = 1, ["TpDestinations"] = 1, ["TpRatingPlan"] = 1,
        ["TpRatingProfile"] = 1, ["TpChargers"] = 1, ["TpDispatchers"] = 1,
    };

    /// <summary>CurrentDBVersions: an <c>*internal</c> database holds both sets, the others their own.</summary>
    public static IReadOnlyDictionary<string, long> CurrentFor(string dbType, bool dataDb) => dbType switch
    {
        "*internal" => Data.Concat(Stor).ToDictionary(StringComparer.Ordinal),
        _ => dataDb ? Data : Stor,
    };
}

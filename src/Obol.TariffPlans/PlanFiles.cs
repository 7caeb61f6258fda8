namespace Obol.TariffPlans;

/// <summary>
/// File names and positional column names of every tariff-plan CSV (engine/models.go <c>index</c> tags). The column
/// names are the ones errors report; the column count is the exact field count a record must have.
/// </summary>
internal static class PlanFiles
{
    private static readonly string[][] s_columns =
    [
        ["ID", "Prefix"],
        ["ID", "Years", "Months", "MonthDays", "WeekDays", "Time"],
        ["ID", "ConnectFee", "Rate", "RateUnit", "RateIncrement", "GroupIntervalStart"],
        ["ID", "DestinationID", "RatesID", "RoundingMethod", "RoundingDecimals", "MaxCost", "MaxCostStrategy"],
        ["ID", "DestinationRatesID", "TimingID", "Weight"],
        ["Tenant", "Category", "Subject", "ActivationTime", "RatingPlanID", "FallbackSubjects"],
        ["ID", "Account", "Strategy", "RatingSubject"],
        [
            "ActionsID", "Action", "ExtraParameters", "Filters", "BalanceID", "BalanceType", "Categories", "DestinationIDs",
            "RatingSubject", "SharedGroups", "ExpiryTime", "TimingIDs", "Units", "BalanceWeight", "BalanceBlocker",
            "BalanceDisabled", "Weight",
        ],
        ["ID", "ActionsID", "TimingID", "Weight"],
        [
            "ID", "UniqueID", "ThresholdType", "ThresholdValue", "Recurrent", "MinSleep", "ExpiryTime", "ActivationTime",
            "BalanceID", "BalanceType", "BalanceCategories", "BalanceDestinationIDs", "BalanceRatingSubject",
            "BalanceSharedGroups", "BalanceExpiryTime", "BalanceTimingIDs", "BalanceWeight", "BalanceBlocker",
            "BalanceDisabled", "ActionsID", "Weight",
        ],
        ["Tenant", "Account", "ActionPlanID", "ActionTriggersID", "AllowNegative", "Disabled"],
        ["Tenant", "ID", "Type", "Element", "Values", "ActivationInterval"],
        [
            "Tenant", "ID", "FilterIDs", "ActivationInterval", "TTL", "Limit", "AllocationMessage", "Blocker", "Stored",
            "Weight", "ThresholdIDs",
        ],
        [
            "Tenant", "ID", "FilterIDs", "ActivationInterval", "QueueLength", "TTL", "MinItems", "Metrics", "MetricFilterIDs",
            "Stored", "Blocker", "Weight", "ThresholdIDs",
        ],
        [
            "Tenant", "ID", "FilterIDs", "ActivationInterval", "MaxHits", "MinHits", "MinSleep", "Blocker", "Weight",
            "ActionIDs", "Async", "EeIDs",
        ],
        [
            "Tenant", "ID", "FilterIDs", "ActivationInterval", "Sorting", "SortingParameters", "RouteID", "RouteFilterIDs",
            "RouteAccountIDs", "RouteRatingPlanIDs", "RouteResourceIDs", "RouteStatIDs", "RouteWeight", "RouteBlocker",
            "RouteParameters", "Weight",
        ],
        [
            "Tenant", "ID", "Contexts", "FilterIDs", "ActivationInterval", "AttributeFilterIDs", "Path", "Type", "Value",
            "Blocker", "Weight",
        ],
        ["Tenant", "ID", "FilterIDs", "ActivationInterval", "RunID", "AttributeIDs", "Weight"],
        [
            "Tenant", "ID", "Subsystems", "FilterIDs", "ActivationInterval", "Strategy", "StrategyParameters", "ConnID",
            "ConnFilterIDs", "ConnWeight", "ConnBlocker", "ConnParameters", "Weight",
        ],
        [
            "Tenant", "ID", "Address", "Transport", "ConnectAttempts", "Reconnects", "MaxReconnectInterval", "ConnectTimeout",
            "ReplyTimeout", "TLS", "ClientKey", "ClientCertificate", "CaCertificate",
        ],
        [
            "Tenant", "ID", "Schedule", "StatID", "Metrics", "TTL", "QueueLength", "MinItems", "CorrelationType", "Tolerance", "Stored",
            "ThresholdIDs",
        ],
        ["Tenant", "ID", "Schedule", "StatIDs", "MetricIDs", "Sorting", "SortingParameters", "Stored", "ThresholdIDs"],
        [
            "Tenant", "ID", "FilterIDs", "ActivationInterval", "TTL", "Stored", "Weight", "PoolID", "PoolFilterIDs", "PoolType",
            "PoolRange", "PoolStrategy", "PoolMessage", "PoolWeight", "PoolBlocker",
        ],
    ];

    public static readonly PlanFileKind[] LoadOrder = Enum.GetValues<PlanFileKind>();

    // CGRateS spells it IPs.csv (utils.IPsCsv), which the kind's name does not.
    public static string FileName(PlanFileKind kind) => kind == PlanFileKind.Ips ? "IPs.csv" : kind + ".csv";

    public static string[] Columns(PlanFileKind kind) => s_columns[(int)kind];

    /// <summary>CGRateS tariff-plan files Obol has no subsystem for (none at present): read past with a warning naming
    /// them, so a plan that has one does not lose it without a word.</summary>
    public static readonly string[] NotLoaded = [];

    public static bool IsNotLoaded(string path) => NotLoaded.Contains(Path.GetFileName(path), StringComparer.Ordinal);

    /// <summary>Maps a file name (any folder) to its kind; other names (README.md, notes...) are not tariff-plan files here.</summary>
    public static bool TryGetKind(string path, out PlanFileKind kind)
    {
        var name = Path.GetFileName(path.AsSpan());
        foreach (var candidate in LoadOrder)
        {
            if (name.SequenceEqual(FileName(candidate)))
            {
                kind = candidate;
                return true;
            }
        }
        kind = default;
        return false;
    }
}

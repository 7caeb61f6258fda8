namespace Obol.TariffPlans;

/// <summary>
/// The tariff-plan CSV files this reader understands, in the order cgr-loader loads them (tpreader.go LoadAll), except
/// Trends, Rankings and IPs: CGRateS loads them after Resources and Stats, here they come last so the other kinds keep
/// their values. The order only decides which file is read first; references are resolved once every file is read.
/// </summary>
internal enum PlanFileKind : byte
{
    Destinations,
    Timings,
    Rates,
    DestinationRates,
    RatingPlans,
    RatingProfiles,
    SharedGroups,
    Actions,
    ActionPlans,
    ActionTriggers,
    AccountActions,
    Filters,
    Resources,
    Stats,
    Thresholds,
    Routes,
    Attributes,
    Chargers,
    DispatcherProfiles,
    DispatcherHosts,
    Trends,
    Rankings,
    Ips,
}

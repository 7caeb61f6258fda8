namespace Obol.TariffPlans;

/// <summary>The tariff-plan CSV files this reader understands, in the order cgr-loader loads them (tpreader.go LoadAll).</summary>
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
}

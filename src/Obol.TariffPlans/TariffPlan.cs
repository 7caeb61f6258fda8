namespace Obol.TariffPlans;

/// <summary>
/// The typed content of a tariff-plan folder. Row files keep one record per CSV row in file order; profile files
/// (Filters ... Resources) keep one record per Tenant+ID, merged from all its rows the way CGRateS merges them.
/// </summary>
public sealed class TariffPlan
{
    public static readonly TariffPlan Empty = new();

    public IReadOnlyList<TpTiming> Timings { get; init; } = [];
    public IReadOnlyList<TpDestination> Destinations { get; init; } = [];
    public IReadOnlyList<TpRate> Rates { get; init; } = [];
    public IReadOnlyList<TpDestinationRate> DestinationRates { get; init; } = [];
    public IReadOnlyList<TpRatingPlan> RatingPlans { get; init; } = [];
    public IReadOnlyList<TpRatingProfile> RatingProfiles { get; init; } = [];
    public IReadOnlyList<TpSharedGroup> SharedGroups { get; init; } = [];
    public IReadOnlyList<TpAction> Actions { get; init; } = [];
    public IReadOnlyList<TpActionPlan> ActionPlans { get; init; } = [];
    public IReadOnlyList<TpActionTrigger> ActionTriggers { get; init; } = [];
    public IReadOnlyList<TpAccountAction> AccountActions { get; init; } = [];
    public IReadOnlyList<TpFilter> Filters { get; init; } = [];
    public IReadOnlyList<TpAttributeProfile> Attributes { get; init; } = [];
    public IReadOnlyList<TpChargerProfile> Chargers { get; init; } = [];

    public IReadOnlyList<TpDispatcherProfile> DispatcherProfiles { get; init; } = [];
    public IReadOnlyList<TpDispatcherHost> DispatcherHosts { get; init; } = [];
    public IReadOnlyList<TpTrendProfile> Trends { get; init; } = [];
    public IReadOnlyList<TpRankingProfile> Rankings { get; init; } = [];
    public IReadOnlyList<TpRouteProfile> Routes { get; init; } = [];
    public IReadOnlyList<TpStatProfile> Stats { get; init; } = [];
    public IReadOnlyList<TpThresholdProfile> Thresholds { get; init; } = [];
    public IReadOnlyList<TpResourceProfile> Resources { get; init; } = [];
    public IReadOnlyList<TpIpProfile> Ips { get; init; } = [];
}

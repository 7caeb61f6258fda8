using System.Diagnostics.CodeAnalysis;
using Obol.Primitives;

namespace Obol.TariffPlans;

/// <summary>A profile's <c>ActivationInterval</c> column, <c>activation[;expiry]</c>, both validated raw times.</summary>
public sealed record TpActivationInterval(string ActivationTime, string ExpiryTime);

/// <summary>One rule of a filter: every rule of a filter must pass; any of its values may match.</summary>
public sealed record TpFilterRule(string Type, string Element, string[] Values);

/// <summary>Filters.csv. Rows of the same Tenant+ID add rules; rows repeating a Type+Element add values to that rule.</summary>
public sealed record TpFilter(
    SourceLocation Location,
    string Tenant,
    string Id,
    IReadOnlyList<TpFilterRule> Rules,
    TpActivationInterval? ActivationInterval);

/// <summary>One field change of an attribute profile, from one row with a Path.</summary>
[SuppressMessage("Naming", "CA1711", Justification = "CGRateS's TPAttribute, not a .NET attribute.")]
public sealed record TpAttribute(SourceLocation Location, string[] FilterIds, string Path, string Type, string Value);

/// <summary>Attributes.csv. The first row of a Tenant+ID usually holds the profile fields; every row with a Path
/// adds an attribute.</summary>
public sealed record TpAttributeProfile(
    SourceLocation Location,
    string Tenant,
    string Id,
    string[] Contexts,
    string[] FilterIds,
    TpActivationInterval? ActivationInterval,
    IReadOnlyList<TpAttribute> Attributes,
    bool Blocker,
    decimal Weight);

/// <summary>Chargers.csv. <see cref="AttributeIds"/> holds profile IDs, <c>*none</c>, or inline attributes such as
/// <c>*constant:*req.RequestType:*none</c>.</summary>
public sealed record TpChargerProfile(
    SourceLocation Location,
    string Tenant,
    string Id,
    string[] FilterIds,
    TpActivationInterval? ActivationInterval,
    string RunId,
    string[] AttributeIds,
    decimal Weight);

/// <summary>One route of a route profile; rows repeating a RouteID (and RouteFilterIDs) extend it.</summary>
public sealed record TpRoute(
    SourceLocation Location,
    string Id,
    string[] FilterIds,
    string[] AccountIds,
    string[] RatingPlanIds,
    string[] ResourceIds,
    string[] StatIds,
    decimal Weight,
    bool Blocker,
    string Parameters);

/// <summary>Routes.csv. Rows of the same Tenant+ID add routes and merge non-empty profile fields.</summary>
public sealed record TpRouteProfile(
    SourceLocation Location,
    string Tenant,
    string Id,
    string[] FilterIds,
    TpActivationInterval? ActivationInterval,
    string Sorting,
    string[] SortingParameters,
    IReadOnlyList<TpRoute> Routes,
    decimal Weight);

/// <summary>One metric of a stat queue, such as <c>*tcc</c> or <c>*sum#~*req.Usage</c>, with its own filters.</summary>
public sealed record TpStatMetric(string MetricId, string[] FilterIds);

/// <summary>Stats.csv. <see cref="Ttl"/> is <see cref="Usage.Unlimited"/> (-1) for "no TTL".</summary>
public sealed record TpStatProfile(
    SourceLocation Location,
    string Tenant,
    string Id,
    string[] FilterIds,
    TpActivationInterval? ActivationInterval,
    int QueueLength,
    Usage Ttl,
    int MinItems,
    IReadOnlyList<TpStatMetric> Metrics,
    bool Stored,
    bool Blocker,
    decimal Weight,
    string[] ThresholdIds);

/// <summary>Thresholds.csv. <see cref="MaxHits"/> -1 means unlimited.</summary>
public sealed record TpThresholdProfile(
    SourceLocation Location,
    string Tenant,
    string Id,
    string[] FilterIds,
    TpActivationInterval? ActivationInterval,
    int MaxHits,
    int MinHits,
    Usage MinSleep,
    bool Blocker,
    decimal Weight,
    string[] ActionIds,
    bool Async,
    string[] EeIds);

/// <summary>Resources.csv. <see cref="UsageTtl"/> is <see cref="Usage.Unlimited"/> (-1) for "no TTL".</summary>
public sealed record TpResourceProfile(
    SourceLocation Location,
    string Tenant,
    string Id,
    string[] FilterIds,
    TpActivationInterval? ActivationInterval,
    Usage UsageTtl,
    decimal Limit,
    string AllocationMessage,
    bool Blocker,
    bool Stored,
    decimal Weight,
    string[] ThresholdIds);

/// <summary>One host of a dispatcher profile (ConnID and its columns); rows repeating the ConnID add filters and
/// parameters.</summary>
public sealed record TpDispatcherHostProfile(
    string Id,
    string[] FilterIds,
    decimal Weight,
    bool Blocker,
    string[] Parameters);

/// <summary>DispatcherProfiles.csv (AsTPDispatcherProfiles): Subsystems and FilterIDs merge as sets, StrategyParameters
/// are appended, a non-empty Strategy or ActivationInterval and a non-zero Weight replace earlier ones.</summary>
public sealed record TpDispatcherProfile(
    SourceLocation Location,
    string Tenant,
    string Id,
    string[] Subsystems,
    string[] FilterIds,
    TpActivationInterval? ActivationInterval,
    string Strategy,
    string[] StrategyParameters,
    IReadOnlyList<TpDispatcherHostProfile> Hosts,
    decimal Weight);

/// <summary>DispatcherHosts.csv: one row a host, the connection a dispatcher forwards to. Durations are the column's
/// text (<c>1m</c>, a bare number of nanoseconds, or empty).</summary>
public sealed record TpDispatcherHost(
    SourceLocation Location,
    string Tenant,
    string Id,
    string Address,
    string Transport,
    int ConnectAttempts,
    int Reconnects,
    string MaxReconnectInterval,
    string ConnectTimeout,
    string ReplyTimeout,
    bool Tls,
    string ClientKey,
    string ClientCertificate,
    string CaCertificate);

/// <summary>Trends.csv (AsTPTrends): rows of the same Tenant+ID merge; Metrics and ThresholdIDs are appended as sets, the
/// other columns replace when set. <see cref="Ttl"/> is the column's duration text.</summary>
public sealed record TpTrendProfile(
    SourceLocation Location,
    string Tenant,
    string Id,
    string Schedule,
    string StatId,
    string[] Metrics,
    string Ttl,
    int QueueLength,
    int MinItems,
    string CorrelationType,
    decimal Tolerance,
    bool Stored,
    string[] ThresholdIds);

/// <summary>Rankings.csv (AsTPRanking): rows of the same Tenant+ID merge; StatIDs, MetricIDs, SortingParameters and
/// ThresholdIDs are appended as sets, the other columns replace when set.</summary>
public sealed record TpRankingProfile(
    SourceLocation Location,
    string Tenant,
    string Id,
    string Schedule,
    string[] StatIds,
    string[] MetricIds,
    string Sorting,
    string[] SortingParameters,
    bool Stored,
    string[] ThresholdIds);

/// <summary>One address pool of an IP profile (the Pool… columns). Rows repeating a PoolID with the same PoolFilterIDs
/// extend it; <see cref="Range"/> is the column's text (a CIDR prefix or one address), checked by IPs.</summary>
public sealed record TpIpPool(
    SourceLocation Location,
    string Id,
    string[] FilterIds,
    string Type,
    string Range,
    string Strategy,
    string Message,
    decimal Weight,
    bool Blocker);

/// <summary>IPs.csv (AsTPIPs): rows of the same Tenant+ID merge; FilterIDs merge as sets, a non-empty TTL or
/// ActivationInterval and a non-zero Weight replace, Stored is set by any row that says true. <see cref="Ttl"/> is the
/// column's duration text (empty: no TTL).</summary>
public sealed record TpIpProfile(
    SourceLocation Location,
    string Tenant,
    string Id,
    string[] FilterIds,
    TpActivationInterval? ActivationInterval,
    string Ttl,
    bool Stored,
    decimal Weight,
    IReadOnlyList<TpIpPool> Pools);

using NodaTime;
using NodaTime.Text;
using Obol.Api.JsonRpc;
using Obol.Api.TpRows;
using Obol.Attributes;
using Obol.Chargers;
using Obol.Dispatchers;
using Obol.Events;
using Obol.Primitives;
using Obol.Profiles;
using Obol.Rankings;
using Obol.Ips;
using Obol.Resources;
using Obol.Routes;
using Obol.Stats;
using Obol.TariffPlans;
using Obol.Thresholds;
using Obol.Trends;
using static Obol.Api.TpRows.TpFields;

namespace Obol.Api;

/// <summary>
/// APIerSv1.ExportToFolder (apier/v1/apier.go): the event subsystems' profiles in force written back as the plan's CSV
/// files, one per item asked for (all when none is), each profile through the same rows its StorDB table writes
/// (ResourceProfileToAPI, APItoModelTPResource ...). An item with no profile writes no file; an item Obol has no
/// subsystem for has none. Unlike CGRateS, an empty Path is refused rather than
/// taken as the engine's working directory.
/// </summary>
public sealed class ProfileFolderExport(
    ProfileCatalog catalog,
    ProfileKind<AttributeProfileDefinition, AttributeProfile> attributes,
    ProfileKind<ChargerProfileDefinition, ChargerProfile> chargers,
    ProfileKind<ResourceProfileDefinition, ResourceProfile> resources,
    ProfileKind<StatQueueProfileDefinition, StatQueueProfile> stats,
    ProfileKind<RouteProfileDefinition, RouteProfile> routes,
    ProfileKind<ThresholdProfileDefinition, ThresholdProfile> thresholds,
    ProfileKind<DispatcherProfileDefinition, DispatcherProfile> dispatchers,
    ProfileKind<DispatcherHostDefinition, DispatcherHost> dispatcherHosts,
    ProfileKind<TrendProfileDefinition, TrendProfile> trends,
    ProfileKind<RankingProfileDefinition, RankingProfile> rankings,
    ProfileKind<IpProfileDefinition, IpProfile> ips)
{
    /// <summary>CGRateS's default item list, in its order, and IPs, which CGRateS exports only when named: a folder
    /// exported whole should load back whole.</summary>
    private static readonly string[] s_allItems =
        ["*attributes", "*chargers", "*dispatchers", "*dispatcher_hosts", "*filters", "*resources", "*stats", "*routes", "*thresholds",
            "*rankings", "*trends", "*ips"];

    private static readonly InstantPattern s_rfc3339 = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss'Z'");

    public void Register(JsonRpcDispatcher dispatcher) =>
        dispatcher.Add<ArgExportToFolder, string>("APIerSv1.ExportToFolder", ExportAsync);

    private async ValueTask<RpcResult<string>> ExportAsync(ArgExportToFolder args, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(args.Path))
        {
            return RpcResult.Fail<string>(ErrorCodes.MandatoryIeMissingFields("Path"));
        }
        try
        {
            Directory.CreateDirectory(args.Path);
            foreach (var item in args.Items is { Count: > 0 } items ? items : [.. s_allItems])
            {
                if (Rows(item) is not { } file)
                {
                    continue;
                }
                var rows = file.Rows.ToList();
                if (rows.Count > 0)
                {
                    await File.WriteAllTextAsync(Path.Combine(args.Path, file.Name), PlanCsv.Write(file.Name, rows), ct).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return RpcResult.Fail<string>(ErrorCodes.ServerErrorWith(e.Message));
        }
        return "OK";
    }

    /// <summary>The file of one item and its rows; null for an item no subsystem here holds.</summary>
    private (string Name, IEnumerable<string[]> Rows)? Rows(string item) => item switch
    {
        "*attributes" => Table(new TpAttributeTable(""), attributes.All().Select(ToTp), p => p with { Attributes = [new([], "", "", "")] }),
        "*chargers" => Table(new TpChargerTable(""), chargers.All().Select(ToTp), p => p),
        "*filters" => Table(new TpFilterTable(""), catalog.AllFilters().Select(ToTp), p => p with { Filters = [new("", "", null)] }),
        "*resources" => Table(new TpResourceTable(""), resources.All().Select(ToTp), p => p),
        "*stats" => Table(new TpStatTable(""), stats.All().Select(ToTp), p => p with { Metrics = [new(null, "")] }),
        "*routes" => Table(new TpRouteTable(""), routes.All().Select(ToTp),
            p => p with { Routes = [new("", null, null, null, null, null, 0, false, "")] }),
        "*thresholds" => Table(new TpThresholdTable(""), thresholds.All().Select(ToTp), p => p with { ActionIDs = [""] }),
        "*dispatchers" => Table(new TpDispatcherTable(""), dispatchers.All().Select(ToTp), p => p),
        "*dispatcher_hosts" => Table(new TpDispatcherHostTable(""), dispatcherHosts.All().Select(ToTp), p => p),
        "*trends" => Table(new TpTrendTable(""), trends.All().Select(ToTp), p => p),
        "*rankings" => Table(new TpRankingTable(""), rankings.All().Select(ToTp), p => p),
        "*ips" => Table(new TpIpTable(""), ips.All().Select(ToTp), p => p),
        _ => null,
    };

    /// <summary>The table's rows of every profile. The StorDB tables write no row for a profile whose row list
    /// (attributes, metrics, routes, action IDs) is empty, as CGRateS's APItoModel… do, which loses the profile from
    /// CGRateS's export; here such a profile gets one row with that column empty, which the loader reads back as the
    /// same profile.</summary>
    private static (string, IEnumerable<string[]>) Table<T>(TpTable<T> table, IEnumerable<T> items, Func<T, T> withOneEmptyRow)
        where T : class =>
        (table.FileName, items.SelectMany(item => table.Rows(item).ToList() is { Count: > 0 } rows ? rows : table.Rows(withOneEmptyRow(item))));

    private static ApiTpAttributeProfile ToTp(AttributeProfileDefinition d) => new(null, d.Tenant, d.Id, Copy(d.FilterIds),
        Activation(d.ActivationInterval), Copy(d.Contexts),
        d.Attributes?.Select(a => new ApiTpAttribute(Copy(a.FilterIds) ?? [], a.Path, a.Type, a.Value)).ToList(), d.Blocker, d.Weight);

    private static ApiTpChargerProfile ToTp(ChargerProfileDefinition d) =>
        new(null, d.Tenant, d.Id, Copy(d.FilterIds), Activation(d.ActivationInterval), d.RunId, Copy(d.AttributeIds), d.Weight);

    private static ApiTpFilterProfile ToTp(FilterDefinition d) => new(null, d.Tenant, d.Id,
        d.Rules?.Select(r => new ApiTpFilter(r.Type, r.Element, Copy(r.Values))).ToList(), Activation(d.ActivationInterval));

    private static ApiTpResourceProfile ToTp(ResourceProfileDefinition d) => new(null, d.Tenant, d.Id, Copy(d.FilterIds),
        Activation(d.ActivationInterval), Duration(d.UsageTtl), Number(d.Limit), d.AllocationMessage, d.Blocker, d.Stored, d.Weight,
        Copy(d.ThresholdIds));

    private static ApiTpStatProfile ToTp(StatQueueProfileDefinition d) => new(null, d.Tenant, d.Id, Copy(d.FilterIds),
        Activation(d.ActivationInterval), d.QueueLength, Duration(d.Ttl),
        d.Metrics?.Select(m => new ApiTpMetricWithFilters(Copy(m.FilterIds), m.MetricId)).ToList(), d.Blocker, d.Stored, d.Weight,
        d.MinItems, Copy(d.ThresholdIds));

    private static ApiTpRouteProfile ToTp(RouteProfileDefinition d) => new(null, d.Tenant, d.Id, Copy(d.FilterIds),
        Activation(d.ActivationInterval), d.Sorting, Copy(d.SortingParameters),
        d.Routes?.Select(r => new ApiTpRoute(r.Id, Copy(r.FilterIds), Copy(r.AccountIds), Copy(r.RatingPlanIds), Copy(r.ResourceIds),
            Copy(r.StatIds), r.Weight, r.Blocker, r.RouteParameters)).ToList(), d.Weight);

    private static ApiTpThresholdProfile ToTp(ThresholdProfileDefinition d) => new(null, d.Tenant, d.Id, Copy(d.FilterIds),
        Activation(d.ActivationInterval), d.MaxHits, d.MinHits, Duration(d.MinSleep), d.Blocker, d.Weight, Copy(d.ActionIds),
        Copy(d.EeIds), d.Async);

    private static ApiTpDispatcherProfile ToTp(DispatcherProfileDefinition d) => new(null, d.Tenant, d.Id, Copy(d.Subsystems),
        Copy(d.FilterIds), Activation(d.ActivationInterval), d.Strategy, Parameters(d.StrategyParams), d.Weight,
        d.Hosts?.Select(h => new ApiTpDispatcherHostProfile(h.Id, Copy(h.FilterIds), h.Weight, Parameters(h.Params), h.Blocker)).ToList());

    private static ApiTpDispatcherHost ToTp(DispatcherHostDefinition d) => new(null, d.Tenant, d.Id, new ApiTpDispatcherHostConn(d.Address,
        d.Transport, d.ConnectAttempts, d.Reconnects, d.MaxReconnectInterval.Nanoseconds, d.ConnectTimeout.Nanoseconds, d.ReplyTimeout.Nanoseconds,
        d.Tls, d.ClientKey, d.ClientCertificate, d.CaCertificate));

    private static ApiTpTrendsProfile ToTp(TrendProfileDefinition d) => new(null, d.Tenant, d.Id, d.Schedule, d.StatId, Copy(d.Metrics),
        Duration(d.Ttl), d.QueueLength, d.MinItems, d.CorrelationType, d.Tolerance, d.Stored, Copy(d.ThresholdIds));

    private static ApiTpRankingProfile ToTp(RankingProfileDefinition d) => new(null, d.Tenant, d.Id, d.Schedule, Copy(d.StatIds),
        Copy(d.MetricIds), d.Sorting, Copy(d.SortingParameters), d.Stored, Copy(d.ThresholdIds));

    private static ApiTpIpProfile ToTp(IpProfileDefinition d) => new(null, d.Tenant, d.Id, Copy(d.FilterIds), Activation(d.ActivationInterval),
        Duration(d.Ttl), d.Stored, d.Weight, d.Pools?.Select(p => new ApiTpIpPool(p.Id, Copy(p.FilterIds), p.Type, p.Range, p.Strategy, p.Message,
            p.Weight, p.Blocker)).ToList());

    /// <summary>A profile's parameter map as its CSV column: a CSV item kept under its position comes back as it was,
    /// a named one (<c>*ratio</c>, <c>*default_ratio</c>) as <c>name:value</c>, which the loader names again. CGRateS's
    /// DispatcherProfileToAPI puts a named strategy parameter's value alone at position 0, which loses its name.</summary>
    private static List<object?>? Parameters(IReadOnlyDictionary<string, System.Text.Json.JsonElement>? parameters) =>
        parameters?.OrderBy(p => int.TryParse(p.Key, out var position) ? position : int.MaxValue).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => (object?)(int.TryParse(p.Key, out _) ? Text(p.Value) : p.Key + ":" + Text(p.Value))).ToList();

    private static string Text(System.Text.Json.JsonElement value) =>
        value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString()! : value.GetRawText();

    private static List<string>? Copy(IReadOnlyList<string>? list) => list is null ? null : [.. list];

    /// <summary>A zero duration is an empty field, as the *ToAPI converters leave it.</summary>
    private static string Duration(Usage usage) => usage.Nanoseconds == 0 ? "" : usage.ToString();

    /// <summary>Each bound as RFC 3339 in UTC; Go's zero time (no bound) an empty part.</summary>
    private static ApiTpActivationInterval? Activation(ActivationIntervalDefinition? interval) =>
        interval?.ToWindow() is { } window && (window.Activation is not null || window.Expiry is not null)
            ? new(Format(window.Activation), Format(window.Expiry))
            : null;

    private static string Format(Instant? instant) => instant is { } i ? s_rfc3339.Format(i) : "";
}

/// <summary>utils.ArgExportToFolder.</summary>
public sealed record ArgExportToFolder(string? Path, List<string>? Items);

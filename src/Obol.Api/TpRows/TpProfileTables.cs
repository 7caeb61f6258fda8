using Obol.Api.JsonRpc;

namespace Obol.Api.TpRows;

/// <summary>The profile tables' row methods (apier/v1/tpfilters.go, tpresources.go, tpstats.go, tpthresholds.go,
/// tproutes.go, tpattributes.go, tpchargers.go, tpdispatchers.go, tptrends.go, tprankings.go, and the IP methods
/// utils/consts.go names), each keyed by a utils.TPTntID.</summary>
internal static class TpProfileTables
{
    public static void Register(TpRowService service, JsonRpcDispatcher dispatcher)
    {
        var tenant = service.DefaultTenant;
        service.Add(dispatcher, new TpFilterTable(tenant), "SetTPFilterProfile", "GetTPFilterProfile", "GetTPFilterProfileIds",
            "RemoveTPFilterProfile", service.ByTenantId);
        service.Add(dispatcher, new TpResourceTable(tenant), "SetTPResource", "GetTPResource", "GetTPResourceIDs", "RemoveTPResource",
            service.ByTenantId);
        service.Add(dispatcher, new TpStatTable(tenant), "SetTPStat", "GetTPStat", "GetTPStatIDs", "RemoveTPStat", service.ByTenantId);
        service.Add(dispatcher, new TpThresholdTable(tenant), "SetTPThreshold", "GetTPThreshold", "GetTPThresholdIDs", "RemoveTPThreshold",
            service.ByTenantId);
        service.Add(dispatcher, new TpRouteTable(tenant), "SetTPRouteProfile", "GetTPRouteProfile", "GetTPRouteProfileIDs",
            "RemoveTPRouteProfile", service.ByTenantId);
        service.Add(dispatcher, new TpAttributeTable(tenant), "SetTPAttributeProfile", "GetTPAttributeProfile", "GetTPAttributeProfileIds",
            "RemoveTPAttributeProfile", service.ByTenantId);
        service.Add(dispatcher, new TpChargerTable(tenant), "SetTPCharger", "GetTPCharger", "GetTPChargerIDs", "RemoveTPCharger",
            service.ByTenantId);
        service.Add(dispatcher, new TpDispatcherTable(tenant), "SetTPDispatcherProfile", "GetTPDispatcherProfile",
            "GetTPDispatcherProfileIDs", "RemoveTPDispatcherProfile", service.ByTenantId);
        service.Add(dispatcher, new TpDispatcherHostTable(tenant), "SetTPDispatcherHost", "GetTPDispatcherHost", "GetTPDispatcherHostIDs",
            "RemoveTPDispatcherHost", service.ByTenantId);
        service.Add(dispatcher, new TpTrendTable(tenant), "SetTPTrend", "GetTPTrend", "GetTPTrendIDs", "RemoveTPTrend", service.ByTenantId);
        service.Add(dispatcher, new TpRankingTable(tenant), "SetTPRanking", "GetTPRanking", "GetTPRankingIDs", "RemoveTPRanking",
            service.ByTenantId);
        // CGRateS names SetTPIP, GetTPIP and RemoveTPIP only: there is no GetTPIPIDs to answer.
        var ips = new TpIpTable(tenant);
        service.AddSet(dispatcher, ips, "APIerSv1.SetTPIP");
        service.AddGet(dispatcher, ips, "APIerSv1.GetTPIP", service.ByTenantId);
        service.AddRemove(dispatcher, ips, "APIerSv1.RemoveTPIP", service.ByTenantId);
    }
}

/// <summary>What every profile shape carries besides its TPid: the tenant and ID it is stored under.</summary>
internal interface ITpProfile : ITpRow
{
    string? Tenant { get; }

    string? ID { get; }
}

/// <summary>
/// A profile file: its rows start with Tenant and ID, and its Set needs only TPid and ID. A Set without a tenant
/// stores under the default one, as every APIerSv1.SetTP… profile method does.
/// </summary>
internal abstract class TpProfileTable<T>(string defaultTenant) : TpTable<T>
    where T : class, ITpProfile
{
    public override string IdOf(T item) => TenantOf(item) + ":" + item.ID;

    public override string[] Missing(T item) =>
        ApierService.Missing(("TPid", string.IsNullOrEmpty(item.TPid)), ("ID", string.IsNullOrEmpty(item.ID)));

    protected string TenantOf(T item) => string.IsNullOrEmpty(item.Tenant) ? defaultTenant : item.Tenant;
}

/// <summary>utils.TPActivationInterval.</summary>
public sealed record ApiTpActivationInterval(string? ActivationTime, string? ExpiryTime);

using NodaTime;
using Obol.Api.JsonRpc;
using Obol.CdrServer;
using Obol.Cdrs;
using Obol.Config;
using Obol.Logging;
using Obol.Rals;
using Obol.Storage.Sqlite;

namespace Obol.Engine;

/// <summary>CDRs when <c>cdrs.enabled</c>: each <c>*_conns</c> of the section connects this engine's subsystem and
/// turns its flag on by default, as CGRateS's CDRServer does; CDRs are kept in the embedded store.</summary>
internal static class CdrWiring
{
    public static CdrService? Register(JsonRpcDispatcher dispatcher, ObolConfig config, SqliteStore store, RalsService rals, EventSubsystems events,
        DateTimeZone zone, string tenant, string category, int roundingDecimals, ISessionCostSource? sessionCosts, EngineLog log, LiveConfig live)
    {
        if (!config.Cdrs.Enabled)
        {
            return null;
        }
        var requestType = config.General.DefaultRequestType.Length > 0 ? config.General.DefaultRequestType : "*rated";
        CdrServerOptions Options(CdrsConfig section) => new()
        {
            Defaults = new CdrFlags
            {
                Attributes = section.AttributesConns.Count > 0,
                Chargers = section.ChargersConns.Count > 0,
                Store = section.StoreCdrs,
                Export = section.OnlineCdrExports.Count > 0 || section.EesConns.Count > 0,
                Thresholds = section.ThresholdsConns.Count > 0,
                Stats = section.StatsConns.Count > 0,
                Rals = section.RalsConns.Count > 0,
            },
            CdrDefaults = new CdrDefaults(tenant, category, requestType, zone),
            OnlineExports = section.OnlineCdrExports,
            RoundingDecimals = roundingDecimals,
            SessionCosts = sessionCosts,
        };
        var service = new CdrService(Options(config.Cdrs), store.Cdrs, rals, events.Attributes, events.Chargers, events.Stats, events.Thresholds, events.Exporters,
            SystemClock.Instance, log.Warning);
        new CdrsV1Service(service, events.Exporters, SystemClock.Instance, zone, tenant).Register(dispatcher);
        live.AddLive("cdrs", LiveKeys, c => Options(c.Cdrs), service.Reconfigure);
        return service;
    }

    /// <summary>The keys of <c>cdrs</c> a running CDR server takes from a configuration change (ConfigSv1): the flags its
    /// connections turn on by default (each reaches this engine's own subsystem), storing and the online exports.</summary>
    public static readonly IReadOnlySet<string> LiveKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "store_cdrs", "online_cdr_exports", "ees_conns", "attributes_conns", "chargers_conns", "thresholds_conns", "stats_conns", "rals_conns",
    };
}

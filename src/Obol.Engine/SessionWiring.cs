using NodaTime;
using Obol.Api.JsonRpc;
using Obol.CdrServer;
using Obol.Config;
using Obol.Logging;
using Obol.Primitives;
using Obol.Rals;
using Obol.Sessions;
using Obol.SessionServer;
using Obol.SessionServer.Stir;

namespace Obol.Engine;

/// <summary>SessionS when <c>sessions.enabled</c>: each <c>*_conns</c> connects this engine's subsystem, as CGRateS's
/// SessionS reaches its peers; agents on the BiRPC listener are called back for disconnects and channel sync.</summary>
internal static class SessionWiring
{
    // Public keys named by URL (x5u) are fetched with it; one client for the engine's life.
    private static readonly HttpClient s_stirHttp = new();

    public static async Task<SessionService?> RegisterAsync(JsonRpcDispatcher dispatcher, ObolConfig config, RalsService rals, EventSubsystems events,
        CdrService? cdrs, SessionJournal journal, InternalAgents clients, DateTimeZone zone, string tenant, string category, int roundingDecimals, EngineLog log,
        LiveConfig live)
    {
        var section = config.Sessions;
        if (!section.Enabled)
        {
            return null;
        }
        SessionServiceOptions Options(ObolConfig c) => BuildOptions(c, rals, zone, tenant, category, roundingDecimals, log);
        var options = Options(config);
        SessionSubsystems Subsystems(SessionsConfig section) => new()
        {
            Attributes = section.AttributesConns.Count > 0 ? events.Attributes : null,
            Chargers = section.ChargersConns.Count > 0 ? events.Chargers : null,
            Resources = section.ResourcesConns.Count > 0 ? events.Resources : null,
            Ips = section.IpsConns.Count > 0 && config.Ips.Enabled ? events.Ips : null,
            Routes = section.RoutesConns.Count > 0 ? events.Routes : null,
            Thresholds = section.ThresholdsConns.Count > 0 ? events.Thresholds : null,
            Stats = section.StatsConns.Count > 0 ? events.Stats : null,
            Cdrs = section.CdrsConns.Count > 0 ? cdrs : null,
        };
        var subsystems = Subsystems(section);
        var service = new SessionService(options, new RalsSessionRater(rals), subsystems, clients, events.Catalog.Filters, SystemClock.Instance,
            TimeProvider.System, log.Warning, journal);
        live.AddLive("sessions", LiveKeys, c => (Options: Options(c), Connected: Subsystems(c.Sessions)),
            next => service.Reconfigure(next.Options, next.Connected));
        var restored = await service.Manager.RestoreAsync(await journal.LoadAsync(log.Warning).ConfigureAwait(false)).ConfigureAwait(false);
        if (restored > 0)
        {
            log.Info($"<SessionS> restored {restored} active sessions from the backup");
        }
        new SessionSv1Service(service).Register(dispatcher);
        var stir = config.Sessions.Stir;
        service.Stir = new StirService(new StirOptions(stir.AllowedAttest, stir.PayloadMaxDuration, stir.DefaultAttest, stir.PublicKeyPath, stir.PrivateKeyPath),
            new StirIdentity(new StirKeys(s_stirHttp, TimeSpan.FromTicks(Math.Max(1, config.General.ReplyTimeout.Nanoseconds / 100)))), TimeProvider.System);
        service.Stir.Register(dispatcher);
        if (section.ChannelSyncInterval > Usage.Zero)
        {
            service.StartChannelSync(TimeSpan.FromTicks(section.ChannelSyncInterval.Nanoseconds / 100));
        }
        return service;
    }

    /// <summary>The keys of <c>sessions</c> a running SessionS takes from a configuration change (ConfigSv1): the
    /// values it reads for each session, and which of this engine's subsystems it calls (every connection reaches this
    /// engine's own); listeners, loops and replication are set up once at start.</summary>
    public static readonly IReadOnlySet<string> LiveKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "attributes_conns", "chargers_conns", "resources_conns", "routes_conns", "thresholds_conns", "stats_conns", "cdrs_conns",
        "debit_interval", "default_usage", "terminate_attempts", "session_ttl", "session_ttl_max_delay", "session_ttl_last_used",
        "session_ttl_usage", "session_ttl_last_usage", "min_dur_low_balance", "channel_sync_timeout", "stale_chan_max_extra_usage",
    };

    private static SessionServiceOptions BuildOptions(ObolConfig config, RalsService rals, DateTimeZone zone, string tenant,
        string category, int roundingDecimals, EngineLog log)
    {
        var section = config.Sessions;
        return new SessionServiceOptions
        {
            Core = new SessionOptions
            {
                DebitInterval = section.DebitInterval,
                DefaultUsage = section.DefaultUsage.TryGetValue(Meta.Voice, out var voice) ? voice : Usage.FromHours(3),
                TerminateAttempts = section.TerminateAttempts > 0 ? section.TerminateAttempts : 5,
                RoundingDecimals = roundingDecimals,
                SessionTtl = section.SessionTtl,
                SessionTtlMaxDelay = section.SessionTtlMaxDelay,
                SessionTtlLastUsed = section.SessionTtlLastUsed,
                SessionTtlUsage = section.SessionTtlUsage,
                SessionTtlLastUsage = section.SessionTtlLastUsage,
                MinDurLowBalance = section.MinDurLowBalance,
                Warn = log.Warning,
                CreateDynaprepaidAccount = section.SchedulerConns.Count == 0 ? null
                    : (tenant, account, ct) => rals.ExecuteActionPlansAsync(config.Schedulers.DynaprepaidActionPlans, tenant + ":" + account, ct),
            },
            DefaultTenant = tenant,
            DefaultCategory = category,
            DefaultUsage = section.DefaultUsage.Count > 0 ? section.DefaultUsage : new SessionServiceOptions().DefaultUsage,
            ChannelSyncTimeout = section.ChannelSyncTimeout > Usage.Zero ? TimeSpan.FromTicks(section.ChannelSyncTimeout.Nanoseconds / 100) : TimeSpan.FromSeconds(60),
            StaleChannelMaxExtraUsage = section.StaleChanMaxExtraUsage,
            NodeId = config.General.NodeId,
            TimeZone = zone,
        };
    }
}

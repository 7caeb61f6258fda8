using NodaTime;
using Obol.Agents.Kamailio;
using Obol.Config;
using Obol.Events;
using Obol.Logging;
using Obol.Primitives;
using Obol.SessionServer;

namespace Obol.Engine;

/// <summary><c>kamailio_agent</c> when enabled: the agent runs in this engine and reaches SessionS in process
/// (<c>*birpc_internal</c>); it dials Kamailio in the background, so a Kamailio that is down never holds the engine up.</summary>
internal static class KamailioWiring
{
    public static KamailioAgent? Start(ObolConfig config, SessionService? sessions, InternalAgents? agents, DateTimeZone zone, string tenant,
        EngineLog log)
    {
        var section = config.KamailioAgent;
        if (!section.Enabled || sessions is null || agents is null)
        {
            return null;
        }
        var options = new KamailioAgentOptions
        {
            EvapiConns = [.. section.EvapiConns.Select(c => new EvapiConnOptions
            {
                Address = c.Address,
                Reconnects = c.Reconnects,
                MaxReconnectInterval = TimeSpan.FromTicks(c.MaxReconnectInterval.Nanoseconds / 100),
                Alias = c.Alias,
            })],
            CreateCdr = section.CreateCdr,
            RouteProfile = section.RouteProfile,
            TimeZone = TimeZoneFor(section.Timezone, zone, log),
            DefaultTenant = tenant,
            DefaultRequestType = config.General.DefaultRequestType.Length > 0 ? config.General.DefaultRequestType : Meta.Rated,
            // As SessionS's own wait: an unset timeout must never leave a sync waiting forever.
            ChannelSyncTimeout = config.Sessions.ChannelSyncTimeout > Usage.Zero
                ? TimeSpan.FromTicks(config.Sessions.ChannelSyncTimeout.Nanoseconds / 100) : TimeSpan.FromSeconds(60),
            Log = log.Warning,
        };
        var agent = new KamailioAgent(options, sessions);
        // Kamailio cannot warn a caller before the disconnect.
        var notImplemented = (CgrEvent _, CancellationToken _) => Task.FromResult<string?>(ErrorCodes.NotImplemented);
        agents.StartInBackground(options.ClientId, new AgentCallbacks(agent.DisconnectSessionAsync, notImplemented, agent.GetActiveSessionIdsAsync),
            agent.StartAsync, "KamailioAgent", log);
        return agent;
    }

    /// <summary>kamailio_agent.timezone, else general.default_timezone.</summary>
    private static TimeZoneInfo TimeZoneFor(string configured, DateTimeZone general, EngineLog log)
    {
        var id = configured.Length > 0 ? configured : general.Id;
        if (id == "Local")
        {
            return TimeZoneInfo.Local;
        }
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            log.Error($"kamailio_agent.timezone: unknown time zone \"{id}\", using UTC");
            return TimeZoneInfo.Utc;
        }
    }
}

using NodaTime;
using Obol.Agents.FreeSwitch;
using Obol.Config;
using Obol.Logging;
using Obol.Primitives;
using Obol.SessionServer;

namespace Obol.Engine;

/// <summary><c>freeswitch_agent</c> when enabled: the agent runs in this engine and reaches SessionS in process
/// (<c>*birpc_internal</c>); it connects in the background, so a FreeSWITCH that is down never holds the engine up.</summary>
internal static class FreeSwitchWiring
{
    public static FreeSwitchAgent? Start(ObolConfig config, SessionService? sessions, InternalAgents? agents, DateTimeZone zone, string tenant,
        string category, EngineLog log)
    {
        var section = config.FreeswitchAgent;
        if (!section.Enabled || sessions is null || agents is null)
        {
            return null;
        }
        var options = new FreeSwitchAgentOptions
        {
            EventSocketConns = [.. section.EventSocketConns.Select(c => new EventSocketConnOptions
            {
                Address = c.Address,
                Password = c.Password,
                Reconnects = c.Reconnects,
                MaxReconnectInterval = TimeSpan.FromTicks(c.MaxReconnectInterval.Nanoseconds / 100),
                Alias = c.Alias,
            })],
            SubscribePark = section.SubscribePark,
            CreateCdr = section.CreateCdr,
            ExtraFields = section.ExtraFields,
            LowBalanceAnnFile = section.LowBalanceAnnFile,
            EmptyBalanceContext = section.EmptyBalanceContext,
            EmptyBalanceAnnFile = section.EmptyBalanceAnnFile,
            SchedTransferExtension = section.SchedTransferExtension,
            ActiveSessionDelimiter = section.ActiveSessionDelimiter,
            RouteProfile = section.RouteProfile,
            DefaultTenant = tenant,
            DefaultCategory = category,
            DefaultRequestType = config.General.DefaultRequestType.Length > 0 ? config.General.DefaultRequestType : Meta.Rated,
            Timezone = zone,
            Log = log.Warning,
        };
        var agent = new FreeSwitchAgent(options, sessions);
        agents.StartInBackground(options.ClientId,
            new AgentCallbacks(agent.DisconnectSessionAsync, agent.WarnDisconnectAsync, agent.GetActiveSessionIdsAsync), agent.StartAsync, "FreeSWITCHAgent", log);
        return agent;
    }
}

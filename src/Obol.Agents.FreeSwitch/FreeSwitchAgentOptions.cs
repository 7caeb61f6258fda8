using NodaTime;
using Obol.Esl;
using Obol.Primitives;

namespace Obol.Agents.FreeSwitch;

/// <summary>
/// The <c>freeswitch_agent</c> section plus the <c>general</c>/<c>sessions</c> defaults the agent fills events with.
/// Defaults are CGRateS's, except <see cref="SchedTransferExtension"/> (see there).
/// </summary>
public sealed record FreeSwitchAgentOptions
{
    public IReadOnlyList<EventSocketConnOptions> EventSocketConns { get; init; } = [];

    /// <summary>Subscribe to CHANNEL_PARK and authorize parked calls.</summary>
    public bool SubscribePark { get; init; } = true;

    /// <summary>Send the hangup event to SessionSv1.ProcessCDR.</summary>
    public bool CreateCdr { get; init; }

    /// <summary><c>~*req.&lt;name&gt;</c> rules copied into every event; other rules are ignored, as CGRateS does.</summary>
    public IReadOnlyList<string> ExtraFields { get; init; } = [];

    public string LowBalanceAnnFile { get; init; } = "";

    public string EmptyBalanceContext { get; init; } = "";

    public string EmptyBalanceAnnFile { get; init; } = "";

    /// <summary>
    /// When set, a limited call is transferred there on expiry instead of hung up. CGRateS defaults it to
    /// <c>CGRateS</c>; it is empty here so the plain <c>sched_hangup</c> of the tutorial configs is the default.
    /// </summary>
    public string SchedTransferExtension { get; init; } = "";

    /// <summary>Delimiter of <c>show channels</c>.</summary>
    public string ActiveSessionDelimiter { get; init; } = ",";

    /// <summary>Appends <c>@ProfileID</c> to each route in <c>cgr_routes</c>.</summary>
    public bool RouteProfile { get; init; }

    /// <summary>The client id SessionS gets with initiate/terminate (its handle to disconnect calls back through us).</summary>
    public string ClientId { get; init; } = "*freeswitch_agent";

    /// <summary>general.default_tenant.</summary>
    public string DefaultTenant { get; init; } = "cgrates.org";

    /// <summary>general.default_category.</summary>
    public string DefaultCategory { get; init; } = "call";

    /// <summary>general.default_request_type.</summary>
    public string DefaultRequestType { get; init; } = "*rated";

    /// <summary>sessions.default_usage[*voice]: the usage asked for on park, before any billsec exists.</summary>
    public Usage DefaultVoiceUsage { get; init; } = Usage.FromHours(3);

    /// <summary>general.default_timezone, for time strings without a zone.</summary>
    public DateTimeZone Timezone { get; init; } = DateTimeZone.Utc;

    /// <summary>Called with diagnostics (failed commands, SessionS errors, reconnects); must not throw.</summary>
    public Action<string>? Log { get; init; }
}

/// <summary>One <c>event_socket_conns</c> entry.</summary>
public sealed record EventSocketConnOptions
{
    /// <summary><c>host:port</c>.</summary>
    public string Address { get; init; } = "127.0.0.1:8021";

    public string Password { get; init; } = "ClueCon";

    /// <summary>Reconnect attempts after a drop; -1 keeps trying forever.</summary>
    public int Reconnects { get; init; } = 5;

    /// <summary>Cap of one back-off pause; zero means uncapped.</summary>
    public TimeSpan MaxReconnectInterval { get; init; }

    /// <summary>The length of one Fibonacci back-off step.</summary>
    public TimeSpan ReconnectUnit { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReplyTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Names this FreeSWITCH as OriginHost; empty means <see cref="Address"/>, as CGRateS's config loader does.</summary>
    public string Alias { get; init; } = "";

    /// <summary>The alias in effect.</summary>
    public string EffectiveAlias => Alias.Length > 0 ? Alias : Address;

    internal EslReconnectPolicy ReconnectPolicy() =>
        new(Reconnects, ReconnectUnit, MaxReconnectInterval > TimeSpan.Zero ? MaxReconnectInterval : null);
}

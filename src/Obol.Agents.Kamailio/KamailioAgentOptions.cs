namespace Obol.Agents.Kamailio;

/// <summary>The <c>kamailio_agent</c> section plus the <c>general</c>/<c>sessions</c> values the agent needs.</summary>
public sealed record KamailioAgentOptions
{
    public IReadOnlyList<EvapiConnOptions> EvapiConns { get; init; } = [];

    /// <summary>Send every CGR_CALL_END to SessionSv1.ProcessCDR too (a <c>*cdrs</c> cgr_flag does it per call).</summary>
    public bool CreateCdr { get; init; }

    /// <summary>
    /// Appends <c>@ProfileID</c> to the routes of process-message replies. Auth replies always carry it: CGRateS passes
    /// the agent's <c>enabled</c> switch there instead of this one, and Kamailio configs written for it expect that.
    /// </summary>
    public bool RouteProfile { get; init; }

    /// <summary>kamailio_agent.timezone, else general.default_timezone: the zone of zone-less times.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>general.default_tenant.</summary>
    public string DefaultTenant { get; init; } = "cgrates.org";

    /// <summary>general.default_request_type.</summary>
    public string DefaultRequestType { get; init; } = "*rated";

    /// <summary>sessions.channel_sync_timeout: how long a dialog-list request waits for the replies.</summary>
    public TimeSpan ChannelSyncTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The client id SessionS gets with initiate/terminate (its handle to disconnect calls back through us).</summary>
    public string ClientId { get; init; } = "*kamailio_agent";

    /// <summary>Called with diagnostics (SessionS errors, bad frames, reconnects); must not throw.</summary>
    public Action<string>? Log { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}

/// <summary>One <c>evapi_conns</c> entry: a Kamailio evapi listener the agent dials.</summary>
public sealed record EvapiConnOptions
{
    /// <summary><c>host:port</c> of evapi's bind_addr.</summary>
    public string Address { get; init; } = "127.0.0.1:8448";

    /// <summary>Attempts per outage (and for the first connection); -1 keeps trying forever.</summary>
    public int Reconnects { get; init; } = 5;

    /// <summary>Cap of one back-off pause; zero means uncapped.</summary>
    public TimeSpan MaxReconnectInterval { get; init; }

    /// <summary>The length of one Fibonacci back-off step.</summary>
    public TimeSpan ReconnectUnit { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>OriginHost of this Kamailio's events when they carry none; empty means Kamailio's address.</summary>
    public string Alias { get; init; } = "";
}

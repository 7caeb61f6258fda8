using Obol.Primitives;

namespace Obol.Config;

/// <summary>The <c>freeswitch_agent</c> section: the FreeSWITCH event-socket agent.</summary>
public sealed record FreeswitchAgentConfig
{
    public bool Enabled { get; init; }
    public IReadOnlyList<string> SessionsConns { get; init; } = [];
    public bool SubscribePark { get; init; }
    public bool CreateCdr { get; init; }
    public IReadOnlyList<string> ExtraFields { get; init; } = [];
    public string LowBalanceAnnFile { get; init; } = "";
    public string EmptyBalanceContext { get; init; } = "";
    public string EmptyBalanceAnnFile { get; init; } = "";
    public Usage MaxWaitConnection { get; init; }
    public string ActiveSessionDelimiter { get; init; } = ",";
    public bool RouteProfile { get; init; }
    public string SchedTransferExtension { get; init; } = "";
    public IReadOnlyList<EventSocketConnConfig> EventSocketConns { get; init; } = [];
}

/// <summary>One FreeSWITCH to connect to; keys a file leaves out come from the defaults' first connection.</summary>
public sealed record EventSocketConnConfig
{
    public string Address { get; init; } = "";
    public string Password { get; init; } = "";
    /// <summary>-1 keeps reconnecting.</summary>
    public int Reconnects { get; init; }
    public Usage MaxReconnectInterval { get; init; }
    public Usage ReplyTimeout { get; init; }
    /// <summary>Names this FreeSWITCH in events; empty means the address.</summary>
    public string Alias { get; init; } = "";
}

/// <summary>The <c>kamailio_agent</c> section: the Kamailio evapi agent.</summary>
public sealed record KamailioAgentConfig
{
    public bool Enabled { get; init; }
    public IReadOnlyList<string> SessionsConns { get; init; } = [];
    public bool CreateCdr { get; init; }
    public string Timezone { get; init; } = "";
    public bool RouteProfile { get; init; }
    public IReadOnlyList<EvapiConnConfig> EvapiConns { get; init; } = [];
}

/// <summary>One Kamailio evapi endpoint; keys a file leaves out come from the defaults' first connection.</summary>
public sealed record EvapiConnConfig
{
    public string Address { get; init; } = "";
    public int Reconnects { get; init; }
    public Usage MaxReconnectInterval { get; init; }
    public string Alias { get; init; } = "";
}

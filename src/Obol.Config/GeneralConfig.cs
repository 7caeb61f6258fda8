using Obol.Primitives;

namespace Obol.Config;

/// <summary>The <c>general</c> section: engine-wide defaults and RPC connection behaviour.</summary>
public sealed record GeneralConfig
{
    public string NodeId { get; init; } = "";
    /// <summary><c>*syslog</c> or <c>*stdout</c>.</summary>
    public string Logger { get; init; } = "*syslog";
    /// <summary>Syslog level, 0 (emergency) to 7 (debug).</summary>
    public int LogLevel { get; init; } = 6;
    public int RoundingDecimals { get; init; } = 5;
    /// <summary><c>*msgpack</c> or <c>*json</c> (written with the '*' whether or not the file had it).</summary>
    public string DbDataEncoding { get; init; } = "*msgpack";
    public string TpExportDir { get; init; } = "";
    public int PosterAttempts { get; init; }
    public string DefaultRequestType { get; init; } = "";
    public string DefaultCategory { get; init; } = "";
    public string DefaultTenant { get; init; } = "";
    /// <summary><c>Local</c>, <c>UTC</c> or an IANA zone name; resolved by the consumer.</summary>
    public string DefaultTimezone { get; init; } = "";
    public string DefaultCaching { get; init; } = "";
    public Usage CachingDelay { get; init; }
    public Usage MinCallDuration { get; init; }
    public Usage MaxCallDuration { get; init; }
    public int ConnectAttempts { get; init; }
    /// <summary>-1 keeps reconnecting.</summary>
    public int Reconnects { get; init; }
    public Usage MaxReconnectInterval { get; init; }
    public Usage ConnectTimeout { get; init; }
    public Usage ReplyTimeout { get; init; }
    public Usage LockingTimeout { get; init; }
    public string DigestSeparator { get; init; } = "";
    public string DigestEqual { get; init; } = "";
    public string RsrSeparator { get; init; } = "";
    public int MaxParallelConns { get; init; }
}

/// <summary>The <c>cores</c> section: API concurrency caps and shutdown.</summary>
public sealed record CoresConfig
{
    /// <summary>Concurrent API requests allowed; 0 is unlimited.</summary>
    public int Caps { get; init; }
    /// <summary><c>*busy</c> refuses over the cap, <c>*queue</c> waits.</summary>
    public string CapsStrategy { get; init; } = "*busy";
    public Usage CapsStatsInterval { get; init; }
    public Usage ShutdownTimeout { get; init; }
}

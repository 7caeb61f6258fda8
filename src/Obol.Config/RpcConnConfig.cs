using Obol.Primitives;

namespace Obol.Config;

/// <summary>One entry of <c>rpc_conns</c>: a pool of connections used in the order <see cref="Strategy"/> says.</summary>
public sealed record RpcConnConfig
{
    /// <summary>The ids every configuration knows without an entry: served in-process.</summary>
    public const string Internal = "*internal";
    public const string BiRpcInternal = "*birpc_internal";
    /// <summary>Predefined in the defaults as 127.0.0.1:2012 over <c>*json</c>; a file may redefine it.</summary>
    public const string Localhost = "*localhost";
    public const string BiJsonLocalhost = "*bijson_localhost";

    /// <summary><c>*first</c>, <c>*next</c>, <c>*random</c>, <c>*first_positive</c>, <c>*broadcast</c>, ...</summary>
    public string Strategy { get; init; } = "*first";
    public int PoolSize { get; init; }
    public IReadOnlyList<RemoteHostConfig> Conns { get; init; } = [];
}

/// <summary>One connection of an <c>rpc_conns</c> pool.</summary>
public sealed record RemoteHostConfig
{
    public string Id { get; init; } = "";
    public string Address { get; init; } = "";
    /// <summary><c>*json</c>, <c>*gob</c>, <c>*http_jsonrpc</c>, <c>*birpc_json</c>, ...</summary>
    public string Transport { get; init; } = "";
    public bool Synchronous { get; init; }
    public bool Tls { get; init; }
    public string KeyPath { get; init; } = "";
    public string CertPath { get; init; } = "";
    public string CaPath { get; init; } = "";
    public int ConnAttempts { get; init; }
    public int Reconnects { get; init; }
    public Usage MaxReconnectInterval { get; init; }
    public Usage ConnectTimeout { get; init; }
    public Usage ReplyTimeout { get; init; }
}

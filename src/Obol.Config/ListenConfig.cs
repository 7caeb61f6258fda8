namespace Obol.Config;

/// <summary>The <c>listen</c> section: <c>host:port</c> addresses, empty for a listener that is off.</summary>
public sealed record ListenConfig
{
    public string RpcJson { get; init; } = "";
    public string RpcGob { get; init; } = "";
    public string Http { get; init; } = "";
    public string RpcJsonTls { get; init; } = "";
    public string RpcGobTls { get; init; } = "";
    public string HttpTls { get; init; } = "";
    public string BiRpcJson { get; init; } = "";
    public string BiRpcGob { get; init; } = "";
}

/// <summary>The <c>http</c> section: URL paths served on the HTTP listener; an empty path is not served.</summary>
public sealed record HttpConfig
{
    public string JsonRpcUrl { get; init; } = "";
    public string RegistrarsUrl { get; init; } = "";
    public string WsUrl { get; init; } = "";
    public string FreeswitchCdrsUrl { get; init; } = "";
    public string HttpCdrs { get; init; } = "";
    public string PprofPath { get; init; } = "";
    public bool UseBasicAuth { get; init; }
    /// <summary>User name → base64-encoded password.</summary>
    public IReadOnlyDictionary<string, string> AuthUsers { get; init; } = new Dictionary<string, string>();
}

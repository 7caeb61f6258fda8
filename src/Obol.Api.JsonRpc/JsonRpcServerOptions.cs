using System.Net;

namespace Obol.Api.JsonRpc;

/// <summary>Settings of the JSON-RPC listeners.</summary>
public sealed record JsonRpcServerOptions
{
    /// <summary>CGRateS's <c>listen.rpc_json</c> default.</summary>
    public static readonly IPEndPoint DefaultEndPoint = new(IPAddress.Loopback, 2012);

    /// <summary>TCP listener address; <see cref="IPAddress.IPv6Any"/> listens on IPv4 too, like Go's <c>":2012"</c>.</summary>
    public IPEndPoint EndPoint { get; init; } = DefaultEndPoint;

    /// <summary>Largest single request; a larger one closes the connection (Go has no limit; this guards memory).</summary>
    public int MaxRequestBytes { get; init; } = JsonRpcFraming.DefaultMaxRequestBytes;

    /// <summary>
    /// Requests one connection may have in flight; beyond it the connection is not read until a reply is written.
    /// Go's server has no bound; 64 is far above what cgr-console, the loader or an agent keeps in flight.
    /// </summary>
    public int MaxConcurrentRequestsPerConnection { get; init; } = 64;

    /// <summary>Connection-level events: protocol errors, resets, accept failures.</summary>
    public Action<string>? Log { get; init; }
}

using System.Net;
using Microsoft.AspNetCore.Routing;

namespace Obol.Api.JsonRpc;

/// <summary>Settings of <see cref="JsonRpcHttpServer"/> (CGRateS <c>listen.http</c>, <c>http.json_rpc_url</c>, <c>http.ws_url</c>).</summary>
public sealed record JsonRpcHttpServerOptions
{
    /// <summary>CGRateS's <c>listen.http</c> default.</summary>
    public static readonly IPEndPoint DefaultEndPoint = new(IPAddress.Loopback, 2080);

    public IPEndPoint EndPoint { get; init; } = DefaultEndPoint;

    /// <summary>JSON-RPC over HTTP; null or empty leaves it unmapped, as an empty <c>json_rpc_url</c> does.</summary>
    public string? JsonRpcPath { get; init; } = JsonRpcEndpointRouteBuilderExtensions.DefaultPattern;

    /// <summary>JSON-RPC over WebSocket; null or empty leaves it unmapped.</summary>
    public string? WebSocketPath { get; init; } = JsonRpcEndpointRouteBuilderExtensions.DefaultWebSocketPattern;

    /// <summary>Further routes on the same listener, e.g. an agent's <c>/freeswitch_json</c> or CDRs' <c>/cdr_http</c>.</summary>
    public Action<IEndpointRouteBuilder>? MapEndpoints { get; init; }

    /// <inheritdoc cref="JsonRpcServerOptions.MaxRequestBytes"/>
    public int MaxRequestBytes { get; init; } = JsonRpcFraming.DefaultMaxRequestBytes;

    /// <inheritdoc cref="JsonRpcServerOptions.MaxConcurrentRequestsPerConnection"/>
    public int MaxConcurrentRequestsPerConnection { get; init; } = 64;

    /// <summary>Connection-level JSON-RPC events and ASP.NET Core's warnings and errors; nothing reaches the console.</summary>
    public Action<string>? Log { get; init; }
}

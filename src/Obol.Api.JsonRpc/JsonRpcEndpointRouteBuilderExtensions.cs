using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Obol.Api.JsonRpc;

public static class JsonRpcEndpointRouteBuilderExtensions
{
    /// <summary>CGRateS's default <c>http.json_rpc_url</c>.</summary>
    public const string DefaultPattern = "/jsonrpc";

    /// <summary>CGRateS's default <c>http.ws_url</c>.</summary>
    public const string DefaultWebSocketPattern = "/ws";

    /// <summary>Maps the JSON-RPC endpoint (all HTTP methods, as Go's mux does) at <paramref name="pattern"/>.</summary>
    public static IEndpointConventionBuilder MapJsonRpc(this IEndpointRouteBuilder endpoints, JsonRpcDispatcher dispatcher,
        string pattern = DefaultPattern, JsonRpcServerOptions? options = null)
    {
        var handler = new JsonRpcHttpHandler(dispatcher, options);
        return endpoints.Map(pattern, handler.HandleAsync);
    }

    /// <summary>
    /// Maps JSON-RPC over WebSocket at <paramref name="pattern"/>; the pipeline must have <c>app.UseWebSockets()</c>.
    /// </summary>
    public static IEndpointConventionBuilder MapJsonRpcWebSocket(this IEndpointRouteBuilder endpoints, JsonRpcDispatcher dispatcher,
        string pattern = DefaultWebSocketPattern, JsonRpcServerOptions? options = null)
    {
        var handler = new JsonRpcWebSocketHandler(dispatcher, options);
        return endpoints.Map(pattern, handler.HandleAsync);
    }
}

using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;

namespace Obol.Api.JsonRpc;

/// <summary>
/// JSON-RPC over HTTP (CGRateS <c>http.json_rpc_url</c>, <c>/jsonrpc</c> on :2080), as a Kestrel endpoint: Kestrel is
/// the engine's HTTP host (TLS, limits, graceful shutdown), and tests run it on a loopback port 0.
/// </summary>
/// <remarks>
/// CGRateS parity (cores/server.go handleRequest): any HTTP method is served; the body is read by the same codec as a
/// TCP stream (so it may carry several requests, answered in completion order); the replies are buffered and sent
/// with <c>Content-Type: application/json</c> and status 200 — a malformed body gets an empty 200 reply — and CORS
/// headers are echoed when the request has an <c>Origin</c>.
/// </remarks>
public sealed class JsonRpcHttpHandler
{
    private readonly JsonRpcDispatcher _dispatcher;
    private readonly JsonRpcServerOptions _options;

    public JsonRpcHttpHandler(JsonRpcDispatcher dispatcher, JsonRpcServerOptions? options = null)
    {
        _dispatcher = dispatcher;
        _options = options ?? new JsonRpcServerOptions();
    }

    public async Task HandleAsync(HttpContext context)
    {
        var response = context.Response;
        response.ContentType = "application/json";
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            response.Headers.AccessControlAllowOrigin = origin;
            response.Headers.AccessControlAllowMethods = "POST, GET, OPTIONS, PUT, DELETE";
            response.Headers.AccessControlAllowHeaders = "Accept, Accept-Language, Content-Type";
        }
        using var body = new MemoryStream();
        var output = PipeWriter.Create(body, new StreamPipeWriterOptions(leaveOpen: true));
        using var connection = new JsonRpcConnection(context.Request.BodyReader, output, _dispatcher, _options,
            $"HTTP {context.Connection.RemoteIpAddress}:{context.Connection.RemotePort}", CancellationToken.None);
        await connection.RunAsync();
        await output.CompleteAsync();
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body.GetBuffer().AsMemory(0, (int)body.Length), context.RequestAborted);
    }
}

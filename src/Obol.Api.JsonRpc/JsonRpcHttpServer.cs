using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Obol.Api.JsonRpc;

/// <summary>
/// The HTTP listener (CGRateS <c>listen.http</c>, :2080; cores/server.go <c>ServeHTTP</c>) hosted in Kestrel:
/// <c>/jsonrpc</c> (<see cref="JsonRpcHttpHandler"/>), <c>/ws</c> (<see cref="JsonRpcWebSocketHandler"/>) and whatever
/// <see cref="JsonRpcHttpServerOptions.MapEndpoints"/> adds; any other path is 404. Built on an empty host: no
/// appsettings, environment or console logging creep in, and Ctrl+C stays with the engine.
/// </summary>
public sealed class JsonRpcHttpServer : IAsyncDisposable
{
    private readonly JsonRpcDispatcher _dispatcher;
    private readonly JsonRpcHttpServerOptions _options;
    private WebApplication? _app;
    private int _stopped;

    public JsonRpcHttpServer(JsonRpcDispatcher dispatcher, JsonRpcHttpServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        _dispatcher = dispatcher;
        _options = options ?? new JsonRpcHttpServerOptions();
    }

    /// <summary>The bound address (the real port when the configured one is 0).</summary>
    public IPEndPoint LocalEndPoint { get; private set; } = null!;

    /// <summary>Binds and starts serving. Throws <see cref="IOException"/> when the address is taken.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_app is not null)
        {
            throw new InvalidOperationException("already started");
        }
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(_options.EndPoint);
        });
        builder.Services.AddRouting();
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.Logging.ClearProviders();
        if (_options.Log is { } log)
        {
            builder.Logging.AddProvider(new ActionLoggerProvider(log));
        }
        var app = builder.Build();
        app.UseWebSockets();
        var rpcOptions = new JsonRpcServerOptions
        {
            MaxRequestBytes = _options.MaxRequestBytes,
            MaxConcurrentRequestsPerConnection = _options.MaxConcurrentRequestsPerConnection,
            Log = _options.Log,
        };
        if (!string.IsNullOrEmpty(_options.JsonRpcPath))
        {
            app.MapJsonRpc(_dispatcher, _options.JsonRpcPath, rpcOptions);
        }
        if (!string.IsNullOrEmpty(_options.WebSocketPath))
        {
            app.MapJsonRpcWebSocket(_dispatcher, _options.WebSocketPath, rpcOptions);
        }
        _options.MapEndpoints?.Invoke(app);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var uri = new Uri(address);
        LocalEndPoint = new IPEndPoint(IPAddress.Parse(uri.Host.Trim('[', ']')), uri.Port);
    }

    /// <summary>
    /// Stops accepting and lets requests in flight finish; when <paramref name="cancellationToken"/> fires first, the
    /// remaining connections (WebSockets included) are aborted.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_app is null || Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }
        await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}

using System.Buffers;
using System.Globalization;
using Obol.Evapi;
using Obol.Primitives;

namespace Obol.Agents.Kamailio;

/// <summary>
/// One <c>evapi_conns</c> entry: dials Kamailio, hands every frame to the agent and redials with the Fibonacci
/// back-off when Kamailio goes away (kamevapi's reconnect loop). Kamailio broadcasts every event to every client,
/// so there is exactly one connection per Kamailio.
/// </summary>
internal sealed class EvapiLink
{
    private readonly EvapiConnOptions _options;
    private readonly Func<EvapiLink, ReadOnlySequence<byte>, ValueTask> _onFrame;
    private readonly Action<string> _log;
    private EvapiConnection? _connection;

    public EvapiLink(int index, EvapiConnOptions options, Func<EvapiLink, ReadOnlySequence<byte>, ValueTask> onFrame, Action<string> log)
    {
        Index = index;
        _options = options;
        _onFrame = onFrame;
        _log = log;
        (Host, Port) = SplitAddress(options.Address);
    }

    public int Index { get; }

    public string Host { get; }

    public int Port { get; }

    public string Address => _options.Address;

    /// <summary>The configured alias (may be empty).</summary>
    public string Alias => _options.Alias;

    /// <summary>The live connection, or null while (re)connecting.</summary>
    public EvapiConnection? Connection => Volatile.Read(ref _connection);

    /// <summary>Kamailio's address as the last connection saw it; the configured one before any.</summary>
    public string RemoteAddress { get; private set; } = "";

    /// <summary>Connects within the reconnect attempts; false once they are used up.</summary>
    public async Task<bool> ConnectAsync(CancellationToken cancellationToken)
    {
        var backoff = new ReconnectBackoff(_options.ReconnectUnit, _options.MaxReconnectInterval);
        for (var attempt = 0; ; attempt++)
        {
            if (attempt > 0)
            {
                if (_options.Reconnects >= 0 && attempt > _options.Reconnects)
                {
                    return false;
                }
                await Task.Delay(backoff.Next(), cancellationToken).ConfigureAwait(false);
            }
            try
            {
                var connection = await EvapiConnection.ConnectAsync(Host, Port, cancellationToken: cancellationToken).ConfigureAwait(false);
                RemoteAddress = connection.RemoteAddress;
                connection.Start((payload, _) => _onFrame(this, payload));
                Volatile.Write(ref _connection, connection);
                _log($"<KamailioAgent> connected to Kamailio at <{_options.Address}>");
                return true;
            }
            catch (Exception ex) when (ex is IOException or TimeoutException)
            {
                _log($"<KamailioAgent> could not connect to Kamailio at <{_options.Address}>: {ex.Message}");
            }
        }
    }

    /// <summary>Waits for the connection to end, then reconnects; returns when cancelled or out of attempts.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            if (Connection is { } connection)
            {
                EvapiCloseInfo closed;
                try
                {
                    closed = await connection.Closed.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                Volatile.Write(ref _connection, null);
                await connection.DisposeAsync().ConfigureAwait(false);
                _log($"<KamailioAgent> lost Kamailio at <{_options.Address}> ({closed.Reason}{(closed.Error is { } e ? ": " + e.Message : "")}), reconnecting");
            }
            try
            {
                if (!await ConnectAsync(cancellationToken).ConfigureAwait(false))
                {
                    _log($"<KamailioAgent> gave up reconnecting to Kamailio at <{_options.Address}>");
                    return;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Sends on the live connection.</summary>
    /// <exception cref="IOException">Not connected, or the send failed.</exception>
    public ValueTask SendAsync(IEvapiMessage message, CancellationToken cancellationToken) =>
        Connection is { } connection ? connection.SendAsync(message, cancellationToken)
            : throw new IOException($"not connected to Kamailio at <{_options.Address}>");

    public async ValueTask CloseAsync()
    {
        if (Interlocked.Exchange(ref _connection, null) is { } connection)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    internal static (string Host, int Port) SplitAddress(string address)
    {
        var colon = address.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(address.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            throw new ArgumentException($"Kamailio evapi address '{address}' is not host:port.", nameof(address));
        }
        return (address[..colon].Trim('[', ']'), port);
    }
}

using System.Net.Sockets;
using Obol.Esl;

namespace Obol.Agents.FreeSwitch;

/// <summary>
/// One <c>event_socket_conns</c> entry: connects, filters inbound calls, subscribes, hands every event to the agent and
/// reconnects with the Fibonacci back-off when FreeSWITCH goes away (fsock's reconnect loop).
/// </summary>
internal sealed class FreeSwitchConnection
{
    private readonly EventSocketConnOptions _options;
    private readonly IReadOnlyList<string> _events;
    private readonly Func<FreeSwitchConnection, EslEvent, Task> _onEvent;
    private readonly Action<string> _log;
    private EslClient? _client;

    public FreeSwitchConnection(int index, EventSocketConnOptions options, IReadOnlyList<string> events,
        Func<FreeSwitchConnection, EslEvent, Task> onEvent, Action<string> log)
    {
        Index = index;
        _options = options;
        _events = events;
        _onEvent = onEvent;
        _log = log;
    }

    public int Index { get; }

    public string Alias => _options.EffectiveAlias;

    /// <summary>The live client, or null while reconnecting.</summary>
    public EslClient? Client => Volatile.Read(ref _client);

    /// <summary>Connects with the reconnect policy's attempts; false once they are used up.</summary>
    public async Task<bool> ConnectAsync(CancellationToken cancellationToken)
    {
        var policy = _options.ReconnectPolicy();
        for (var attempt = 0; ; attempt++)
        {
            if (attempt > 0)
            {
                if (!policy.TryGetDelay(attempt, out var delay))
                {
                    return false;
                }
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
            try
            {
                Volatile.Write(ref _client, await OpenAsync(cancellationToken).ConfigureAwait(false));
                _log($"<FreeSWITCHAgent> connected to FreeSWITCH at <{_options.Address}>");
                return true;
            }
            catch (Exception ex) when (ex is SocketException or IOException or TimeoutException or EslAuthenticationException
                or EslCommandException)
            {
                _log($"<FreeSWITCHAgent> could not connect to FreeSWITCH at <{_options.Address}>: {ex.Message}");
            }
        }
    }

    /// <summary>Reads events until the connection ends, then reconnects; returns when cancelled or out of attempts.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            if (Client is { } client)
            {
                try
                {
                    await foreach (var ev in client.Events.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                    {
                        await _onEvent(this, ev).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                Volatile.Write(ref _client, null);
                await client.DisposeAsync().ConfigureAwait(false);
                _log($"<FreeSWITCHAgent> lost FreeSWITCH at <{_options.Address}>, reconnecting");
            }
            try
            {
                if (!await ConnectAsync(cancellationToken).ConfigureAwait(false))
                {
                    _log($"<FreeSWITCHAgent> gave up reconnecting to FreeSWITCH at <{_options.Address}>");
                    return;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    public async ValueTask CloseAsync()
    {
        if (Interlocked.Exchange(ref _client, null) is { } client)
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<EslClient> OpenAsync(CancellationToken cancellationToken)
    {
        var (host, port) = SplitAddress(_options.Address);
        var client = await EslClient.ConnectAsync(host, port, _options.Password,
            new EslClientOptions { ReplyTimeout = _options.ReplyTimeout }, cancellationToken).ConfigureAwait(false);
        try
        {
            // The agent only charges the calling leg, as CGRateS's {"Call-Direction": ["inbound"]} filter does.
            await client.FilterAsync("Call-Direction", "inbound", cancellationToken).ConfigureAwait(false);
            await client.SubscribeAsync(_events, cancellationToken: cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    internal static (string Host, int Port) SplitAddress(string address)
    {
        var colon = address.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(address.AsSpan(colon + 1), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var port))
        {
            throw new ArgumentException($"FreeSWITCH address '{address}' is not host:port.", nameof(address));
        }
        return (address[..colon].Trim('[', ']'), port);
    }
}

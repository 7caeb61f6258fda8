using System.Collections.Concurrent;
using Obol.Esl;
using Obol.Events;
using Obol.SessionServer;
using H = Obol.Agents.FreeSwitch.FreeSwitchHeaders;

namespace Obol.Agents.FreeSwitch;

/// <summary>
/// The FreeSWITCH agent (CGRateS agents/fsagent.go): charges calls from CHANNEL_PARK / CHANNEL_ANSWER /
/// CHANNEL_HANGUP_COMPLETE through <see cref="IAgentSessions"/>, and lets SessionS disconnect calls and list the live
/// channels. Each event is handled on its own task, as fsock runs each handler in a goroutine.
/// </summary>
public sealed partial class FreeSwitchAgent : IAsyncDisposable
{
    private const string ParkEvent = "CHANNEL_PARK";
    private const string AnswerEvent = "CHANNEL_ANSWER";
    private const string HangupEvent = "CHANNEL_HANGUP_COMPLETE";

    private readonly FreeSwitchAgentOptions _options;
    private readonly IAgentSessions _sessions;
    private readonly FreeSwitchEventMapper _mapper;
    private readonly FreeSwitchConnection[] _connections;
    private readonly ConcurrentDictionary<Task, byte> _handlers = new();
    private readonly CallSequencer _calls = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Action<string> _log;
    private Task[] _loops = [];
    private int _disposed;

    public FreeSwitchAgent(FreeSwitchAgentOptions options, IAgentSessions sessions)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sessions);
        _options = options;
        _sessions = sessions;
        _mapper = new FreeSwitchEventMapper(options);
        _log = options.Log ?? (_ => { });
        // Map-key order of CGRateS's handler map does not matter to FreeSWITCH; PARK only when asked for.
        List<string> events = [AnswerEvent, HangupEvent];
        if (options.SubscribePark)
        {
            events.Add(ParkEvent);
        }
        _connections = [.. options.EventSocketConns.Select((c, i) => new FreeSwitchConnection(i, c, events, DispatchAsync, _log))];
    }

    /// <summary>Whether connection <paramref name="index"/> is up right now.</summary>
    public bool IsConnected(int index) => _connections[index].Client?.IsConnected == true;

    /// <summary>
    /// Connects to every FreeSWITCH (each with its own reconnect attempts) and starts handling events; from then on
    /// dropped connections reconnect by themselves.
    /// </summary>
    /// <exception cref="InvalidOperationException">A FreeSWITCH could not be reached within its reconnect attempts.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        foreach (var connection in _connections)
        {
            if (!await connection.ConnectAsync(linked.Token).ConfigureAwait(false))
            {
                throw new InvalidOperationException($"Could not connect to FreeSWITCH at index {connection.Index} ({connection.Alias}).");
            }
        }
        _loops = [.. _connections.Select(c => Task.Run(() => c.RunAsync(_stopping.Token), CancellationToken.None))];
    }

    /// <summary>
    /// AgentV1.DisconnectSession: <paramref name="ev"/> is the session's start event with OriginID (the channel UUID),
    /// DisconnectCause and the FsConnID this agent attached. Sets <c>cgr_notify</c> to the cause, then hangs up with
    /// MANAGER_REQUEST (or sends an out-of-credit call to the empty-balance context / announcement).
    /// </summary>
    /// <returns>Null when done, else the error.</returns>
    public async Task<string?> DisconnectSessionAsync(CgrEvent ev, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ev);
        var uuid = ev.FieldAsString(EventFields.OriginId) ?? "";
        if (FindConnection(ev) is not { } connection)
        {
            return $"<FreeSWITCHAgent> no FreeSWITCH connection for channel <{uuid}>";
        }
        // CGRateS reads the redirect number from FreeSWITCH header names the start event never has; Destination is its value.
        var redirect = FirstNonEmpty(ev.FieldAsString(H.CallDestinationNumber), ev.FieldAsString(H.SipReqUser),
            ev.FieldAsString(EventFields.Destination));
        return await DisconnectChannelAsync(connection, uuid, redirect, ev.FieldAsString(EventFields.DisconnectCause) ?? "",
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>AgentV1.WarnDisconnect: plays low_balance_ann_file to the caller; nothing to do without one.</summary>
    public async Task<string?> WarnDisconnectAsync(CgrEvent ev, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ev);
        if (_options.LowBalanceAnnFile.Length == 0)
        {
            return null;
        }
        var uuid = ev.FieldAsString(EventFields.OriginId) ?? "";
        if (FindConnection(ev)?.Client is not { } client)
        {
            return $"<FreeSWITCHAgent> no FreeSWITCH connection for channel <{uuid}>";
        }
        return await TryAsync($"uuid_broadcast {uuid}", () => client.UuidBroadcastAsync(uuid, "playback::" + _options.LowBalanceAnnFile,
            "aleg", cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// AgentV1.GetActiveSessionIDs: <c>show channels</c> on every FreeSWITCH, as (alias, channel UUID). An empty list is
    /// CGRateS's NO_ACTIVE_SESSION.
    /// </summary>
    /// <exception cref="InvalidOperationException">A FreeSWITCH is not connected or failed to answer; CGRateS skips it,
    /// which would let SessionS end its live calls.</exception>
    public async Task<IReadOnlyList<(string OriginHost, string OriginId)>> GetActiveSessionIdsAsync(CancellationToken cancellationToken = default)
    {
        List<(string, string)> ids = [];
        foreach (var connection in _connections)
        {
            // A FreeSWITCH that cannot be asked has not said its calls are gone: no answer rather than a partial one.
            if (connection.Client is not { } client)
            {
                throw new InvalidOperationException($"FreeSWITCH at index {connection.Index} ({connection.Alias}) is not connected");
            }
            try
            {
                foreach (var channel in await client.ShowChannelsAsync(_options.ActiveSessionDelimiter, cancellationToken).ConfigureAwait(false))
                {
                    ids.Add((connection.Alias, channel.Uuid));
                }
            }
            catch (Exception ex) when (IsCommandFailure(ex))
            {
                _log($"<FreeSWITCHAgent> show channels failed on connection {connection.Index}: {ex.Message}");
                throw new InvalidOperationException($"show channels failed on FreeSWITCH at index {connection.Index}", ex);
            }
        }
        return ids;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var connection in _connections)
        {
            await connection.CloseAsync().ConfigureAwait(false);
        }
        await Task.WhenAll(_loops).ConfigureAwait(false);
        await Task.WhenAll(_handlers.Keys).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private Task DispatchAsync(FreeSwitchConnection connection, EslEvent ev)
    {
        // FreeSWITCH sends a channel's events in order; handling them in that order keeps a hangup that follows its
        // answer closely from reaching SessionS before the answer's initiation.
        var handler = ev.UniqueId is { Length: > 0 } uuid
            ? _calls.Run(uuid, () => HandleAsync(connection, ev))
            : Task.Run(() => HandleAsync(connection, ev), CancellationToken.None);
        _handlers.TryAdd(handler, 0);
        _ = handler.ContinueWith(t => _handlers.TryRemove(t, out _), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    private async Task HandleAsync(FreeSwitchConnection connection, EslEvent ev)
    {
        try
        {
            switch (ev.EventName)
            {
                case ParkEvent:
                    await OnParkAsync(connection, ev, _stopping.Token).ConfigureAwait(false);
                    break;
                case AnswerEvent:
                    await OnAnswerAsync(connection, ev, _stopping.Token).ConfigureAwait(false);
                    break;
                case HangupEvent:
                    await OnHangupCompleteAsync(connection, ev, _stopping.Token).ConfigureAwait(false);
                    break;
                default:
                    break;
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Shutting down.
        }
#pragma warning disable CA1031 // A failing handler must not take the event loop down; it is logged instead.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _log($"<FreeSWITCHAgent> {ev.EventName} for channel <{ev.UniqueId}> failed: {ex}");
        }
    }

    private FreeSwitchConnection? FindConnection(CgrEvent ev)
    {
        if (ev.Event.TryGetValue(H.FsConnId, out var value))
        {
            // As CGRateS: a connection index that is not ours is an error, not a guess.
            return EventValues.TryAsInt64(value, out var index, out _) && index >= 0 && index < _connections.Length
                ? _connections[index]
                : null;
        }
        // Without FsConnID (an event not built by this agent) the OriginHost names the FreeSWITCH by its alias.
        var host = ev.FieldAsString(EventFields.OriginHost);
        return _connections.FirstOrDefault(c => c.Alias == host) ?? (_connections.Length == 1 ? _connections[0] : null);
    }

    private static string FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrEmpty(v)) ?? "";
}

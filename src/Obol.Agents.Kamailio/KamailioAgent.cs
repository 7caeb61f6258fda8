using System.Buffers;
using System.Collections.Concurrent;
using Obol.Evapi;
using Obol.SessionServer;

namespace Obol.Agents.Kamailio;

/// <summary>
/// The Kamailio agent (CGRateS agents/kamagent.go): dials each Kamailio's evapi listener, charges calls from
/// CGR_AUTH_REQUEST / CGR_CALL_START / CGR_CALL_END (and CGR_PROCESS_MESSAGE / CGR_PROCESS_CDR) through
/// <see cref="IAgentSessions"/>, tears calls down with CGR_SESSION_DISCONNECT and lists live dialogs with CGR_DLG_LIST.
/// Auth requests run concurrently; the events of one call run in arrival order.
/// </summary>
public sealed partial class KamailioAgent : IAsyncDisposable
{
    private readonly KamailioAgentOptions _options;
    private readonly IAgentSessions _sessions;
    private readonly EvapiLink[] _links;
    private readonly CallSequencer _calls = new();
    private readonly ConcurrentDictionary<Task, byte> _handlers = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Action<string> _log;
    private Task[] _loops = [];
    private int _disposed;

    public KamailioAgent(KamailioAgentOptions options, IAgentSessions sessions)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sessions);
        _options = options;
        _sessions = sessions;
        _log = options.Log ?? (_ => { });
        _links = [.. options.EvapiConns.Select((c, i) => new EvapiLink(i, c, OnFrame, _log))];
    }

    /// <summary>Whether connection <paramref name="index"/> is up right now.</summary>
    public bool IsConnected(int index) => _links[index].Connection?.IsOpen == true;

    /// <summary>
    /// Connects to every Kamailio (each within its reconnect attempts) and keeps reconnecting after drops from then on.
    /// </summary>
    /// <exception cref="InvalidOperationException">A Kamailio could not be reached within its reconnect attempts.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        foreach (var link in _links)
        {
            if (!await link.ConnectAsync(linked.Token).ConfigureAwait(false))
            {
                throw new InvalidOperationException($"Could not connect to Kamailio at index {link.Index} ({link.Address}).");
            }
        }
        _loops = [.. _links.Select(l => Task.Run(() => l.RunAsync(_stopping.Token), CancellationToken.None))];
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_loops).ConfigureAwait(false);
        foreach (var link in _links)
        {
            await link.CloseAsync().ConfigureAwait(false);
        }
        await Task.WhenAll(_handlers.Keys).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }

    // Runs on the connection's read loop: parse here (the bytes die with this call), then hand the work off.
    private ValueTask OnFrame(EvapiLink link, ReadOnlySequence<byte> payload)
    {
        var kinds = KamEventMatcher.Match(payload);
        if (kinds.HasFlag(KamEventKinds.DlgList))
        {
            OnDialogList(link, payload);
            return ValueTask.CompletedTask;
        }
        if (kinds == KamEventKinds.None)
        {
            _log($"<KamailioAgent> ignoring an evapi message without a known event from <{link.Address}>");
            return ValueTask.CompletedTask;
        }
        KamEvent kamEvent;
        try
        {
            kamEvent = KamEvent.Parse(payload);
        }
        catch (EvapiProtocolException e)
        {
            _log($"<KamailioAgent> unmarshalling event data from <{link.Address}>: {e.Message}");
            return ValueTask.CompletedTask;
        }
        // kamevapi runs every handler whose name occurs in the payload, as CGRateS matches by regex.
        if (kinds.HasFlag(KamEventKinds.AuthRequest))
        {
            Track(Task.Run(() => OnAuthRequestAsync(link, kamEvent, _stopping.Token)));
        }
        var callId = kamEvent.Get(KamFields.OriginId) ?? "";
        if (kinds.HasFlag(KamEventKinds.CallStart))
        {
            Track(_calls.Run(callId, () => OnCallStartAsync(link, kamEvent, _stopping.Token)));
        }
        if (kinds.HasFlag(KamEventKinds.CallEnd))
        {
            Track(_calls.Run(callId, () => OnCallEndAsync(link, kamEvent, _stopping.Token)));
        }
        if (kinds.HasFlag(KamEventKinds.ProcessMessage))
        {
            Track(_calls.Run(callId, () => OnProcessMessageAsync(link, kamEvent, _stopping.Token)));
        }
        if (kinds.HasFlag(KamEventKinds.ProcessCdr))
        {
            Track(_calls.Run(callId, () => OnProcessCdrAsync(link, kamEvent, _stopping.Token)));
        }
        return ValueTask.CompletedTask;
    }

    private void Track(Task handler)
    {
        _handlers.TryAdd(handler, 0);
        _ = handler.ContinueWith(done =>
        {
            _handlers.TryRemove(done, out _);
            if (done.Exception is { } e)
            {
                _log($"<KamailioAgent> event handler failed: {e.GetBaseException().Message}");
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task SendAsync(EvapiLink link, IEvapiMessage message, string what, CancellationToken ct)
    {
        try
        {
            await link.SendAsync(message, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            _log($"<KamailioAgent> failed sending {what} to <{link.Address}>: {e.Message}");
        }
    }

    private KamMappingOptions MappingFor(EvapiLink link) => new()
    {
        DefaultTenant = _options.DefaultTenant,
        DefaultRequestType = _options.DefaultRequestType,
        TimeZone = _options.TimeZone,
        ConnectionAlias = link.Alias,
        RemoteAddress = link.RemoteAddress,
        TimeProvider = _options.TimeProvider,
    };
}

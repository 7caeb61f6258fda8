using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Obol.Evapi.Testing;

/// <summary>
/// A stand-in for Kamailio's evapi module for agent tests: it listens on 127.0.0.1 (port 0 picks one) as
/// evapi_bind does, accepts the agent, sends the tutorial cfg's events byte for byte (<see cref="KamailioTemplates"/>),
/// broadcasts like evapi_relay when several agents are connected, answers CGR_DLG_LIST from <see cref="SetDialogs"/>,
/// and queues everything else the agent sends for <see cref="ReceiveAsync"/>. Stop and <see cref="Restart"/> keep
/// the port, to test reconnects.
/// </summary>
public sealed class FakeKamailio : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<AgentLink> _agents = [];
    private readonly List<FakeKamailioMessage> _inbox = [];
    private TaskCompletionSource _inboxChanged = NewSignal();
    private TaskCompletionSource _agentConnected = NewSignal();
    private Socket? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private IReadOnlyList<FakeDialog> _dialogs = [];
    private int _dialogListRequests;
    private int _transactionIndex;

    private FakeKamailio()
    {
    }

    /// <summary>Where the fake listens, as evapi bind_addr does in the e2e recipe.</summary>
    public const string Host = "127.0.0.1";

    public int Port { get; private set; }

    public int ConnectedAgents
    {
        get
        {
            lock (_gate)
            {
                return _agents.Count;
            }
        }
    }

    /// <summary>How many CGR_DLG_LIST requests arrived (answered or not).</summary>
    public int DialogListRequests => Volatile.Read(ref _dialogListRequests);

    /// <summary>Off, a CGR_DLG_LIST goes unanswered, as when Kamailio has no evapi connection flag set.</summary>
    public bool AnswerDialogList { get; set; } = true;

    /// <summary>Listens on 127.0.0.1:<paramref name="port"/>.</summary>
    public static FakeKamailio Start(int port = 0)
    {
        var kamailio = new FakeKamailio();
        kamailio.Listen(port);
        return kamailio;
    }

    /// <summary>Listens again on the same port after <see cref="StopAsync"/>.</summary>
    public void Restart() => Listen(Port);

    /// <summary>The dialogs the next CGR_DLG_LIST_REPLY lists.</summary>
    public void SetDialogs(IEnumerable<FakeDialog> dialogs)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        Volatile.Write(ref _dialogs, [.. dialogs]);
    }

    /// <summary>Completes once at least one agent is connected.</summary>
    public Task WaitForAgentAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return _agents.Count > 0 ? Task.CompletedTask : _agentConnected.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Sends an INVITE's CGR_AUTH_REQUEST with a fresh transaction; returns its tr_index and tr_label.</summary>
    public async Task<(string TrIndex, string TrLabel)> SendAuthRequestAsync(string account, string destination, long setupTime,
        CancellationToken cancellationToken = default)
    {
        var (index, label) = NextTransaction();
        var payload = KamailioTemplates.AuthRequest(index, label, account, destination, setupTime);
        await SendAsync(payload, cancellationToken).ConfigureAwait(false);
        return (index, label);
    }

    /// <summary>Sends a REGISTER's simpleauth CGR_AUTH_REQUEST; returns its tr_index and tr_label.</summary>
    public async Task<(string TrIndex, string TrLabel)> SendSimpleAuthRequestAsync(string account,
        CancellationToken cancellationToken = default)
    {
        var (index, label) = NextTransaction();
        await SendAsync(KamailioTemplates.SimpleAuthRequest(index, label, account), cancellationToken).ConfigureAwait(false);
        return (index, label);
    }

    public Task SendCallStartAsync(FakeCall call, CancellationToken cancellationToken = default) =>
        SendAsync(KamailioTemplates.CallStart(call), cancellationToken);

    public Task SendCallEndAsync(FakeCall call, long usageSeconds, CancellationToken cancellationToken = default) =>
        SendAsync(KamailioTemplates.CallEnd(call, usageSeconds), cancellationToken);

    /// <summary>Frames <paramref name="payload"/> as a netstring and sends it to every connected agent.</summary>
    public Task SendAsync(string payload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var buffer = new ArrayBufferWriter<byte>();
        Netstring.Write(buffer, Encoding.UTF8.GetBytes(payload));
        return SendRawAsync(buffer.WrittenMemory, cancellationToken);
    }

    /// <summary>Sends bytes as they are (split or malformed frames) to every connected agent.</summary>
    public async Task SendRawAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        AgentLink[] agents;
        lock (_gate)
        {
            agents = [.. _agents];
        }
        if (agents.Length == 0)
        {
            throw new InvalidOperationException("no agent is connected to the fake Kamailio");
        }
        foreach (var agent in agents)
        {
            await agent.SendAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The next message from the agent (other than CGR_DLG_LIST), optionally the first matching one.</summary>
    public async Task<FakeKamailioMessage> ReceiveAsync(Func<FakeKamailioMessage, bool>? match = null,
        CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                var index = match is null ? (_inbox.Count > 0 ? 0 : -1) : _inbox.FindIndex(m => match(m));
                if (index >= 0)
                {
                    var message = _inbox[index];
                    _inbox.RemoveAt(index);
                    return message;
                }
                changed = _inboxChanged.Task;
            }
            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The auth reply echoing <paramref name="trIndex"/>.</summary>
    public Task<FakeKamailioMessage> ReceiveAuthReplyAsync(string trIndex, CancellationToken cancellationToken = default) =>
        ReceiveAsync(m => m.GetString("TransactionIndex") == trIndex, cancellationToken);

    /// <summary>The next CGR_SESSION_DISCONNECT.</summary>
    public Task<FakeKamailioMessage> ReceiveDisconnectAsync(CancellationToken cancellationToken = default) =>
        ReceiveAsync(m => m.Event == KamEventNames.SessionDisconnect, cancellationToken);

    /// <summary>Closes every agent connection but keeps listening (Kamailio dropping the evapi client).</summary>
    public async Task DisconnectAgentsAsync()
    {
        AgentLink[] agents;
        lock (_gate)
        {
            agents = [.. _agents];
        }
        foreach (var agent in agents)
        {
            await agent.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops listening and closes every agent connection (Kamailio shutting down).</summary>
    public async Task StopAsync()
    {
        Socket? listener;
        lock (_gate)
        {
            listener = _listener;
            _listener = null;
        }
        listener?.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        await DisconnectAgentsAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Listen(int port)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // The old connections linger in TIME_WAIT after a stop; the restarted listener must still bind.
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
            listener.Listen(16);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        lock (_gate)
        {
            if (_listener is not null)
            {
                listener.Dispose();
                throw new InvalidOperationException("the fake Kamailio is already listening");
            }
            _listener = listener;
            Port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        }
        _acceptLoop = Task.Run(() => AcceptAsync(listener));
    }

    private async Task AcceptAsync(Socket listener)
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }
            var agent = new AgentLink(socket);
            lock (_gate)
            {
                _agents.Add(agent);
                _agentConnected.TrySetResult();
            }
            agent.Start(OnPayloadAsync, OnClosed);
        }
    }

    private async Task OnPayloadAsync(AgentLink agent, ReadOnlySequence<byte> payload)
    {
        var message = new FakeKamailioMessage(Encoding.UTF8.GetString(payload));
        if (message.Event == KamEventNames.DlgList)
        {
            Interlocked.Increment(ref _dialogListRequests);
            if (AnswerDialogList)
            {
                // route[CGR_DLG_LIST] answers with evapi_relay, i.e. to every connected client.
                await SendAsync(KamailioTemplates.DlgListReply(Volatile.Read(ref _dialogs))).ConfigureAwait(false);
            }
            return;
        }
        lock (_gate)
        {
            _inbox.Add(message);
            _inboxChanged.TrySetResult();
            _inboxChanged = NewSignal();
        }
    }

    private void OnClosed(AgentLink agent)
    {
        lock (_gate)
        {
            _agents.Remove(agent);
            if (_agents.Count == 0 && _agentConnected.Task.IsCompleted)
            {
                _agentConnected = NewSignal();
            }
        }
    }

    private (string Index, string Label) NextTransaction() =>
        (Interlocked.Increment(ref _transactionIndex).ToString(CultureInfo.InvariantCulture),
         Random.Shared.Next(1, int.MaxValue).ToString(CultureInfo.InvariantCulture));
}

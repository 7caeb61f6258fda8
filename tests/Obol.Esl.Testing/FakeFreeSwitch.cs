using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Obol.Esl.Testing;

/// <summary>
/// A FreeSWITCH mod_event_socket stand-in on 127.0.0.1 for tests: it asks for <c>auth</c>, checks the password, answers
/// <c>api</c>/<c>bgapi</c>/<c>event plain</c>/<c>filter</c>/<c>sendmsg</c>/<c>exit</c> as FreeSWITCH does, records every
/// command, and pushes events (built from headers or replayed from captures) to the connections subscribed to them.
/// It can drop its connections, or be stopped and started again on the same port, to exercise reconnects.
/// </summary>
public sealed class FakeFreeSwitch : IAsyncDisposable
{
    private const string DisconnectMessage = "Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n";

    private readonly Lock _gate = new();
    private readonly List<FakeConnection> _connections = [];
    private readonly List<Task> _serving = [];
    private readonly List<EslReceivedCommand> _commands = [];
    private readonly List<(Func<EslReceivedCommand, bool> Match, TaskCompletionSource<EslReceivedCommand> Found)> _waiters = [];
    private TcpListener? _listener;
    private CancellationTokenSource? _running;
    private Task _acceptLoop = Task.CompletedTask;
    private TaskCompletionSource _replyGate = OpenGate();
    private IReadOnlyList<FakeChannel> _channels = [];
    private int _nextConnectionId;

    public FakeFreeSwitch(string password = "ClueCon")
    {
        Password = password;
        ApiHandler = DefaultApiReply;
        BgApiHandler = command => Task.FromResult(ApiHandler(command));
    }

    public string Host { get; } = "127.0.0.1";

    /// <summary>The listening port: chosen by the OS at the first <see cref="Start"/> and kept across restarts.</summary>
    public int Port { get; private set; }

    public string Password { get; }

    /// <summary>
    /// Answers <c>api &lt;command&gt;</c> (given without the <c>api</c> prefix) with the response body. Defaults to
    /// <see cref="DefaultApiReply"/>; a handler that throws is answered with <c>-ERR &lt;message&gt;</c>.
    /// </summary>
    public Func<string, string> ApiHandler { get; set; }

    /// <summary>Produces the <c>BACKGROUND_JOB</c> body of a <c>bgapi</c> command; defaults to <see cref="ApiHandler"/>.</summary>
    public Func<string, Task<string>> BgApiHandler { get; set; }

    /// <summary>The channels <c>show channels</c> lists.</summary>
    public IReadOnlyList<FakeChannel> Channels
    {
        get => Volatile.Read(ref _channels);
        set => Volatile.Write(ref _channels, value ?? []);
    }

    /// <summary>Lists <paramref name="channel"/> in <c>show channels</c> (a call that is up), replacing one with its UUID.</summary>
    public void AddChannel(FakeChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        lock (_gate)
        {
            Channels = [.. Channels.Where(c => c.Uuid != channel.Uuid), channel];
        }
    }

    /// <summary>Stops listing the channel <paramref name="uuid"/> (the call hung up).</summary>
    public void RemoveChannel(string uuid)
    {
        lock (_gate)
        {
            Channels = [.. Channels.Where(c => c.Uuid != uuid)];
        }
    }

    /// <summary>Every command received, in arrival order, across all connections and restarts.</summary>
    public IReadOnlyList<EslReceivedCommand> Commands
    {
        get
        {
            lock (_gate)
            {
                return [.. _commands];
            }
        }
    }

    /// <summary>The arguments of the <c>api</c> commands received, e.g. <c>uuid_kill &lt;uuid&gt; MANAGER_REQUEST</c>.</summary>
    public IReadOnlyList<string> ApiCommands => [.. Commands.Where(c => c.Verb == "api").Select(c => c.Argument)];

    public int ConnectionCount
    {
        get
        {
            lock (_gate)
            {
                return _connections.Count;
            }
        }
    }

    /// <summary>The built-in answers: the <see cref="Channels"/> table for <c>show channels</c>, <c>+OK</c> otherwise.</summary>
    public string DefaultApiReply(string command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command == "show channels")
        {
            return ShowChannelsRenderer.Render(Channels);
        }
        const string delimited = "show channels as delim ";
        if (command.StartsWith(delimited, StringComparison.Ordinal))
        {
            return ShowChannelsRenderer.Render(Channels, command[delimited.Length..]);
        }
        return "+OK\n";
    }

    /// <summary>Starts listening (again, on the same port after a <see cref="StopAsync"/>).</summary>
    public FakeFreeSwitch Start()
    {
        lock (_gate)
        {
            if (_listener is not null)
            {
                throw new InvalidOperationException("The fake FreeSWITCH is already running.");
            }
            var listener = new TcpListener(IPAddress.Loopback, Port);
            // A restart must get the same port even while the previous connections sit in TIME_WAIT.
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
            _listener = listener;
            _running = new CancellationTokenSource();
            _acceptLoop = AcceptAsync(listener, _running.Token);
        }
        return this;
    }

    /// <summary>Stops listening and closes every connection after a <c>text/disconnect-notice</c>, as a FreeSWITCH shutdown does.</summary>
    public async Task StopAsync()
    {
        TcpListener? listener;
        CancellationTokenSource? running;
        Task acceptLoop;
        lock (_gate)
        {
            (listener, running, acceptLoop) = (_listener, _running, _acceptLoop);
            (_listener, _running) = (null, null);
        }
        if (listener is null || running is null)
        {
            return;
        }

        listener.Stop();
        await acceptLoop.ConfigureAwait(false);
        FakeConnection[] connections;
        Task[] serving;
        lock (_gate)
        {
            connections = [.. _connections];
            serving = [.. _serving];
            _serving.Clear();
        }
        foreach (var connection in connections)
        {
            await TrySendDisconnectNoticeAsync(connection).ConfigureAwait(false);
        }
        await running.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(serving).ConfigureAwait(false);
        running.Dispose();
    }

    /// <summary>Resets every client connection without notice (a crash); the listener keeps accepting.</summary>
    public void DropConnections()
    {
        FakeConnection[] connections;
        lock (_gate)
        {
            connections = [.. _connections];
        }
        foreach (var connection in connections)
        {
            connection.Abort();
        }
    }

    /// <summary>Keeps receiving and recording commands but answers none until <see cref="ReleaseReplies"/>.</summary>
    public void HoldReplies()
    {
        lock (_gate)
        {
            if (_replyGate.Task.IsCompleted)
            {
                _replyGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    public void ReleaseReplies()
    {
        lock (_gate)
        {
            _replyGate.TrySetResult();
        }
    }

    /// <summary>Sends an event built from decoded header values (URL-encoded here) and an optional body.</summary>
    /// <returns>How many connections were subscribed to it and got it.</returns>
    public Task<int> SendEventAsync(IEnumerable<KeyValuePair<string, string>> headers, string? body = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var list = headers.ToList();
        var name = list.Find(h => h.Key == "Event-Name").Value
            ?? throw new ArgumentException("An event needs an Event-Name header.", nameof(headers));
        var subclass = list.Find(h => h.Key == "Event-Subclass").Value;
        return BroadcastAsync(name, subclass, FakeEventSerializer.Frame(FakeEventSerializer.SerializeEvent(list, body)));
    }

    /// <summary>Sends a plain event body as captured from FreeSWITCH (values already URL-encoded).</summary>
    public Task<int> SendEventAsync(string plainEvent)
    {
        var body = FakeEventSerializer.NormalizeCapture(plainEvent);
        var parsed = EslEvent.Parse(body);
        return BroadcastAsync(parsed.EventName, parsed.EventSubclass, FakeEventSerializer.Frame(body));
    }

    /// <summary>Replays a capture file (one plain event body) as an event.</summary>
    public async Task<int> SendCaptureAsync(string path) =>
        await SendEventAsync(await File.ReadAllTextAsync(path).ConfigureAwait(false)).ConfigureAwait(false);

    /// <summary>Writes bytes as they are to every connection, e.g. a malformed frame.</summary>
    public async Task SendRawAsync(string text)
    {
        foreach (var connection in Snapshot())
        {
            await connection.WriteAsync(text).ConfigureAwait(false);
        }
    }

    /// <summary>The first command, already received or still to come, that <paramref name="match"/> accepts.</summary>
    /// <exception cref="TimeoutException">None arrived within <paramref name="timeout"/> (five seconds by default).</exception>
    public async Task<EslReceivedCommand> WaitForCommandAsync(Func<EslReceivedCommand, bool> match, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(match);
        var found = new TaskCompletionSource<EslReceivedCommand>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var existing = _commands.Find(c => match(c));
            if (existing is not null)
            {
                return existing;
            }
            _waiters.Add((match, found));
        }
        try
        {
            return await found.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            lock (_gate)
            {
                _waiters.RemoveAll(w => w.Found == found);
            }
            throw new TimeoutException($"No matching command arrived; received: [{string.Join(" | ", Commands.Select(c => c.Line))}].", ex);
        }
    }

    /// <summary>
    /// Waits until a connection is subscribed to <paramref name="eventName"/>: an <c>event plain</c> command is recorded
    /// on arrival but takes effect when answered, and events sent in between reach nobody.
    /// </summary>
    /// <exception cref="TimeoutException">No connection subscribed within <paramref name="timeout"/> (five seconds by default).</exception>
    public async Task WaitForSubscriberAsync(string eventName, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(5));
        while (!Snapshot().Any(c => c.Wants(eventName, null)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No connection subscribed to {eventName}.");
            }
            await Task.Delay(10).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> received commands match (all commands when no filter).</summary>
    /// <exception cref="TimeoutException">Fewer arrived within <paramref name="timeout"/> (five seconds by default).</exception>
    public async Task WaitForCommandsAsync(int count, Func<EslReceivedCommand, bool>? match = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(5));
        while (Commands.Count(match ?? (_ => true)) < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {count} matching commands; received: [{string.Join(" | ", Commands.Select(c => c.Line))}].");
            }
            await Task.Delay(10).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private static TaskCompletionSource OpenGate()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var socket = await listener.AcceptSocketAsync(cancellationToken).ConfigureAwait(false);
                var connection = new FakeConnection(Interlocked.Increment(ref _nextConnectionId), socket);
                lock (_gate)
                {
                    _connections.Add(connection);
                    _serving.Add(ServeAsync(connection, cancellationToken));
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Stopped.
        }
    }

    // Commands are recorded as soon as they arrive but answered one at a time by a second loop, so that
    // HoldReplies can leave many commands waiting, as a busy FreeSWITCH would.
    private async Task ServeAsync(FakeConnection connection, CancellationToken cancellationToken)
    {
        using var closing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var queue = Channel.CreateUnbounded<EslReceivedCommand>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var answering = AnswerAsync(connection, queue.Reader, closing.Token);
        try
        {
            await connection.WriteAsync($"Content-Type: {EslContentTypes.AuthRequest}\n\n", closing.Token).ConfigureAwait(false);
            while (await FakeCommandReader.ReadAsync(connection.Reader, closing.Token).ConfigureAwait(false) is { } received)
            {
                var command = new EslReceivedCommand(received.Line, received.Headers, connection.Id);
                Record(command);
                queue.Writer.TryWrite(command);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away, the fake was stopped, or the answering loop closed the connection.
        }
        finally
        {
            queue.Writer.TryComplete();
            await closing.CancelAsync().ConfigureAwait(false);
            await answering.ConfigureAwait(false);
            lock (_gate)
            {
                _connections.Remove(connection);
            }
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task AnswerAsync(FakeConnection connection, ChannelReader<EslReceivedCommand> queue, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var command in queue.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await CurrentReplyGate().WaitAsync(cancellationToken).ConfigureAwait(false);
                if (!await HandleAsync(connection, command, cancellationToken).ConfigureAwait(false))
                {
                    connection.Close();
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Closed underneath us.
        }
    }

    /// <returns>False when the connection must close, as after a failed auth or <c>exit</c>.</returns>
    private async Task<bool> HandleAsync(FakeConnection connection, EslReceivedCommand command, CancellationToken cancellationToken)
    {
        if (!connection.Authenticated)
        {
            if (command.Verb != "auth")
            {
                await ReplyAsync(connection, "-ERR command not found", cancellationToken).ConfigureAwait(false);
                return true;
            }
            if (command.Argument != Password)
            {
                await ReplyAsync(connection, "-ERR invalid", cancellationToken).ConfigureAwait(false);
                await TrySendDisconnectNoticeAsync(connection).ConfigureAwait(false);
                return false;
            }
            connection.Authenticated = true;
            await ReplyAsync(connection, "+OK accepted", cancellationToken).ConfigureAwait(false);
            return true;
        }

        switch (command.Verb)
        {
            case "api":
                var body = Answer(command.Argument);
                await connection.WriteAsync(
                    $"Content-Type: {EslContentTypes.ApiResponse}\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\n\n{body}",
                    cancellationToken).ConfigureAwait(false);
                return true;
            case "bgapi":
                var jobUuid = command.Headers.GetValueOrDefault("Job-UUID") ?? Guid.NewGuid().ToString();
                await connection.WriteAsync(
                    $"Content-Type: {EslContentTypes.CommandReply}\nReply-Text: +OK Job-UUID: {jobUuid}\nJob-UUID: {jobUuid}\n\n",
                    cancellationToken).ConfigureAwait(false);
                _ = RunJobAsync(command.Argument, jobUuid);
                return true;
            case "event":
                var tokens = command.Argument.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (tokens.Length < 2 || tokens[0] != "plain")
                {
                    await ReplyAsync(connection, "-ERR FakeFreeSwitch only speaks 'event plain <names>'", cancellationToken).ConfigureAwait(false);
                    return true;
                }
                connection.Subscribe(tokens.Skip(1));
                await ReplyAsync(connection, "+OK event listener enabled plain", cancellationToken).ConfigureAwait(false);
                return true;
            case "filter":
                var parts = command.Argument.Split(' ', 2);
                await ReplyAsync(connection, parts.Length == 2 ? $"+OK filter added. [{parts[0]}]=[{parts[1]}]" : "-ERR invalid syntax",
                    cancellationToken).ConfigureAwait(false);
                return true;
            case "noevents":
                connection.Unsubscribe();
                await ReplyAsync(connection, "+OK no longer listening for events", cancellationToken).ConfigureAwait(false);
                return true;
            case "sendmsg":
                await ReplyAsync(connection, "+OK", cancellationToken).ConfigureAwait(false);
                return true;
            case "exit":
                await ReplyAsync(connection, "+OK bye", cancellationToken).ConfigureAwait(false);
                await TrySendDisconnectNoticeAsync(connection).ConfigureAwait(false);
                return false;
            default:
                await ReplyAsync(connection, "-ERR command not found", cancellationToken).ConfigureAwait(false);
                return true;
        }
    }

    private string Answer(string command)
    {
        try
        {
            return ApiHandler(command);
        }
        catch (Exception ex)
        {
            // A failing test handler becomes an -ERR answer instead of a silently dead connection.
            return $"-ERR {ex.Message}\n";
        }
    }

    private async Task RunJobAsync(string command, string jobUuid)
    {
        string result;
        try
        {
            result = await BgApiHandler(command).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // As in Answer: the job reports the failure the way FreeSWITCH would.
            result = $"-ERR {ex.Message}\n";
        }
        var space = command.IndexOf(' ', StringComparison.Ordinal);
        List<KeyValuePair<string, string>> headers =
        [
            new("Event-Name", "BACKGROUND_JOB"),
            new("Core-UUID", "fake0000-0000-0000-0000-000000000000"),
            new("FreeSWITCH-Hostname", "fake-fs"),
            new("Job-UUID", jobUuid),
            new("Job-Command", space < 0 ? command : command[..space]),
        ];
        if (space >= 0)
        {
            headers.Add(new("Job-Command-Arg", command[(space + 1)..]));
        }
        try
        {
            await SendEventAsync(headers, result).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            // The connection that asked went away; FreeSWITCH would drop the event too.
        }
    }

    private async Task<int> BroadcastAsync(string eventName, string? subclass, string frame)
    {
        var sent = 0;
        foreach (var connection in Snapshot())
        {
            if (!connection.Wants(eventName, subclass))
            {
                continue;
            }
            try
            {
                await connection.WriteAsync(frame).ConfigureAwait(false);
                sent++;
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
            {
                // A dropped connection not yet removed by its read loop: FreeSWITCH sends the event to the live ones.
            }
        }
        return sent;
    }

    private static Task ReplyAsync(FakeConnection connection, string replyText, CancellationToken cancellationToken) =>
        connection.WriteAsync($"Content-Type: {EslContentTypes.CommandReply}\nReply-Text: {replyText}\n\n", cancellationToken);

    private static async Task TrySendDisconnectNoticeAsync(FakeConnection connection)
    {
        try
        {
            await connection.WriteAsync(
                $"Content-Type: {EslContentTypes.DisconnectNotice}\nContent-Length: {DisconnectMessage.Length}\n\n{DisconnectMessage}")
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            // Already gone.
        }
    }

    private void Record(EslReceivedCommand command)
    {
        List<TaskCompletionSource<EslReceivedCommand>> satisfied = [];
        lock (_gate)
        {
            _commands.Add(command);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(command))
                {
                    satisfied.Add(_waiters[i].Found);
                    _waiters.RemoveAt(i);
                }
            }
        }
        foreach (var waiter in satisfied)
        {
            waiter.TrySetResult(command);
        }
    }

    private Task CurrentReplyGate()
    {
        lock (_gate)
        {
            return _replyGate.Task;
        }
    }

    private FakeConnection[] Snapshot()
    {
        lock (_gate)
        {
            return [.. _connections];
        }
    }
}

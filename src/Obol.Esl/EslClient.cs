using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Obol.Esl;

/// <summary>
/// One inbound event-socket connection to FreeSWITCH. Commands may be sent concurrently: FreeSWITCH answers them in
/// the order received, so each send enqueues its reply slot under the send lock and replies complete the slots in
/// order. Events are queued to <see cref="Events"/> without ever holding up replies. The client never reconnects; when
/// the connection ends every waiting command fails with <see cref="IOException"/>, <see cref="Completion"/> completes and
/// <see cref="Disconnected"/> is raised, and the owner may connect a new client (see <see cref="EslReconnectPolicy"/>).
/// </summary>
public sealed partial class EslClient : IAsyncDisposable
{
    private readonly NetworkStream _stream;
    private readonly EslFrameReader _frames;
    private readonly EslClientOptions _options;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Lock _gate = new();
    private readonly Queue<PendingReply> _pending = new();
    private readonly Dictionary<string, TaskCompletionSource<string>> _jobs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _subscribedEvents = new(StringComparer.Ordinal);
    private readonly Channel<EslEvent> _events = Channel.CreateUnbounded<EslEvent>();
    private readonly TaskCompletionSource _authRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<Exception?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _lifetime = new();
    private Task _readLoop = Task.CompletedTask;
    private bool _closed;
    private string? _disconnectNotice;

    private EslClient(Socket socket, EslClientOptions options)
    {
        _stream = new NetworkStream(socket, ownsSocket: true);
        _frames = new EslFrameReader(PipeReader.Create(_stream, new StreamPipeReaderOptions(leaveOpen: true)));
        _options = options;
    }

    /// <summary>
    /// Events in arrival order. Unbounded so a slow consumer never stalls command replies; it completes when the
    /// connection ends. <c>BACKGROUND_JOB</c> events of jobs started with <see cref="BgApiAsync"/> go to their job instead.
    /// </summary>
    public ChannelReader<EslEvent> Events => _events.Reader;

    /// <summary>Completes when the connection has ended, with the same reason as <see cref="EslDisconnectedEventArgs.Reason"/>.</summary>
    public Task<Exception?> Completion => _completion.Task;

    public bool IsConnected
    {
        get
        {
            lock (_gate)
            {
                return !_closed;
            }
        }
    }

    /// <summary>Raised once on a thread-pool thread, after every waiting command has been failed. Handlers must not throw.</summary>
    public event EventHandler<EslDisconnectedEventArgs>? Disconnected;

    /// <summary>Connects to mod_event_socket and authenticates with <c>auth &lt;password&gt;</c>.</summary>
    /// <exception cref="EslAuthenticationException">FreeSWITCH refused the password or the client address.</exception>
    /// <exception cref="SocketException">The TCP connection could not be made.</exception>
    /// <exception cref="IOException">The connection ended during the handshake.</exception>
    /// <exception cref="TimeoutException">Connecting and authenticating took longer than <see cref="EslClientOptions.ConnectTimeout"/>.</exception>
    public static async Task<EslClient> ConnectAsync(string host, int port, string password,
        EslClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(port);
        EslCommandText.RequireLine(password, nameof(password));
        options ??= new EslClientOptions();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        EslClient? client = null;
        try
        {
            await socket.ConnectAsync(host, port, timeout.Token).ConfigureAwait(false);
            client = new EslClient(socket, options);
            client.Start();
            await client._authRequested.Task.WaitAsync(timeout.Token).ConfigureAwait(false);
            var reply = await client.SendAsync("auth " + password + "\n\n", "auth", null, timeout.Token).ConfigureAwait(false);
            if (reply.ReplyText?.StartsWith("+OK", StringComparison.Ordinal) != true)
            {
                throw new EslAuthenticationException(
                    $"FreeSWITCH at {host}:{port} refused the event-socket password: {reply.ReplyText ?? "(no Reply-Text)"}");
            }
            return client;
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await CloseAsync(client, socket).ConfigureAwait(false);
            throw new TimeoutException($"Connecting to FreeSWITCH at {host}:{port} took longer than {options.ConnectTimeout}.", ex);
        }
        catch
        {
            await CloseAsync(client, socket).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Sends a command as written (its first line, then optional <c>Name: value</c> lines; the client adds the final
    /// empty line) and returns the reply frame without judging it.
    /// </summary>
    public Task<EslFrame> SendCommandAsync(string command, CancellationToken cancellationToken = default)
    {
        EslCommandText.RequireRawCommand(command, nameof(command));
        return SendAsync(command + "\n\n", FirstLine(command), null, cancellationToken);
    }

    /// <summary>Closes the connection; commands still waiting fail with <see cref="IOException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        Abort(null);
        await _readLoop.ConfigureAwait(false);
        _lifetime.Dispose();
    }

    private void Start() => _readLoop = Task.Run(ReadLoopAsync);

    private async Task<EslFrame> SendAsync(string wireText, string description, string? jobUuid, CancellationToken cancellationToken)
    {
        var entry = new PendingReply(jobUuid);
        var bytes = Encoding.UTF8.GetBytes(wireText);
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_gate)
            {
                if (_closed)
                {
                    throw new IOException("The FreeSWITCH event-socket connection is closed.");
                }
                // Enqueued before writing so the reply can never arrive ahead of its slot.
                _pending.Enqueue(entry);
            }
            try
            {
                // The caller's token is not used: a write cut half-way would desynchronise the stream for everybody.
                await _stream.WriteAsync(bytes, _lifetime.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
            {
                Abort(ex as IOException ?? new IOException("Writing to FreeSWITCH failed.", ex));
            }
        }
        finally
        {
            _sendLock.Release();
        }

        try
        {
            return await entry.Reply.Task.WaitAsync(_options.ReplyTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            // The slot stays queued: the late reply still arrives in order and is then dropped.
            throw new TimeoutException($"FreeSWITCH did not answer '{description}' within {_options.ReplyTimeout}.", ex);
        }
    }

    private async Task ReadLoopAsync()
    {
        Exception? reason;
        try
        {
            while (true)
            {
                var frame = await _frames.ReadFrameAsync(_lifetime.Token).ConfigureAwait(false);
                if (frame is null)
                {
                    reason = new IOException(_disconnectNotice is null
                        ? "FreeSWITCH closed the event-socket connection."
                        : $"FreeSWITCH closed the event-socket connection: {_disconnectNotice}");
                    break;
                }
                Dispatch(frame);
            }
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
            reason = null;
        }
        catch (Exception ex)
        {
            // Whatever stops the reader must still fail the waiting commands and report the disconnect.
            reason = ex;
        }
        Abort(reason);
    }

    private void Dispatch(EslFrame frame)
    {
        switch (frame.ContentType)
        {
            case EslContentTypes.AuthRequest:
                _authRequested.TrySetResult();
                break;
            case EslContentTypes.CommandReply or EslContentTypes.ApiResponse:
                CompleteNextReply(frame);
                break;
            case EslContentTypes.EventPlain:
                DeliverEvent(EslEvent.Parse(frame.Body.Span));
                break;
            case EslContentTypes.DisconnectNotice:
                _disconnectNotice = frame.BodyText.Trim();
                break;
            case EslContentTypes.RudeRejection:
                _authRequested.TrySetException(new EslAuthenticationException(
                    $"FreeSWITCH refused the connection: {frame.BodyText.Trim()}"));
                break;
            default:
                // log/data and other formats only arrive when asked for with raw commands; nothing here consumes them.
                break;
        }
    }

    private void CompleteNextReply(EslFrame frame)
    {
        PendingReply? entry;
        lock (_gate)
        {
            if (!_pending.TryDequeue(out entry))
            {
                throw new EslProtocolException($"Received a {frame.ContentType} frame while no command was waiting for a reply.");
            }
            // Re-keyed here, before any later frame is read, in case FreeSWITCH chose a Job-UUID other than ours.
            if (entry.JobUuid is { } ours && frame["Job-UUID"] is { } theirs && theirs != ours
                && _jobs.Remove(ours, out var job))
            {
                _jobs[theirs] = job;
            }
        }
        entry.Reply.TrySetResult(frame);
    }

    private void DeliverEvent(EslEvent ev)
    {
        if (ev.EventName == "BACKGROUND_JOB" && ev.JobUuid is { } jobUuid)
        {
            TaskCompletionSource<string>? job;
            lock (_gate)
            {
                _jobs.Remove(jobUuid, out job);
            }
            if (job is not null)
            {
                if (EslFrame.IsErrorText(ev.Body))
                {
                    job.TrySetException(new EslCommandException(ev["Job-Command"] ?? "", ev.Body.TrimEnd()));
                }
                else
                {
                    job.TrySetResult(ev.Body);
                }
                return;
            }
        }
        _events.Writer.TryWrite(ev);
    }

    private void Abort(Exception? reason)
    {
        PendingReply[] pending;
        TaskCompletionSource<string>[] jobs;
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }
            _closed = true;
            pending = [.. _pending];
            _pending.Clear();
            jobs = [.. _jobs.Values];
            _jobs.Clear();
        }

        var failure = reason switch
        {
            null => new IOException("The FreeSWITCH event-socket connection was closed by the client."),
            IOException io => io,
            _ => new IOException($"The FreeSWITCH event-socket connection was dropped: {reason.Message}", reason),
        };
        foreach (var entry in pending)
        {
            Fail(entry.Reply, failure);
        }
        foreach (var job in jobs)
        {
            Fail(job, failure);
        }
        _authRequested.TrySetException(reason is EslAuthenticationException refused ? refused : failure);
        _ = _authRequested.Task.Exception;
        _events.Writer.TryComplete();
        _lifetime.Cancel();
        _stream.Dispose();
        _completion.TrySetResult(reason);
        // Raised off this thread: a handler that disposes the client must not wait on the read loop it is running on.
        var handlers = Disconnected;
        if (handlers is not null)
        {
            var args = new EslDisconnectedEventArgs(reason);
            ThreadPool.QueueUserWorkItem(_ => handlers(this, args));
        }
    }

    // Observed at once because timed-out or cancelled callers have stopped listening to the slot.
    private static void Fail<T>(TaskCompletionSource<T> source, Exception failure)
    {
        source.TrySetException(failure);
        _ = source.Task.Exception;
    }

    private static async ValueTask CloseAsync(EslClient? client, Socket socket)
    {
        if (client is null)
        {
            socket.Dispose();
            return;
        }
        await client.DisposeAsync().ConfigureAwait(false);
    }

    private static string FirstLine(string command)
    {
        var end = command.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? command : command[..end];
    }

    private sealed class PendingReply(string? jobUuid)
    {
        public string? JobUuid { get; } = jobUuid;

        public TaskCompletionSource<EslFrame> Reply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

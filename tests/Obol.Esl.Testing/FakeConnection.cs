using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text;

namespace Obol.Esl.Testing;

/// <summary>One accepted client of <see cref="FakeFreeSwitch"/>: its socket, auth state and event subscriptions.</summary>
internal sealed class FakeConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Lock _gate = new();
    private readonly HashSet<string> _events = new(StringComparer.Ordinal);
    private readonly HashSet<string> _subclasses = new(StringComparer.Ordinal);

    public FakeConnection(int id, Socket socket)
    {
        Id = id;
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        Reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(leaveOpen: true));
    }

    public int Id { get; }

    public PipeReader Reader { get; }

    public bool Authenticated { get; set; }

    /// <summary>Adds subscriptions as mod_event_socket does: names after <c>CUSTOM</c> are subclasses.</summary>
    public void Subscribe(IEnumerable<string> tokens)
    {
        lock (_gate)
        {
            var custom = false;
            foreach (var token in tokens)
            {
                if (custom)
                {
                    _subclasses.Add(token);
                    continue;
                }
                _events.Add(token);
                custom = token == "CUSTOM";
            }
        }
    }

    public void Unsubscribe()
    {
        lock (_gate)
        {
            _events.Clear();
            _subclasses.Clear();
        }
    }

    /// <summary>mod_event_socket's rule: ALL gets everything; CUSTOM events with a subclass need that subclass.</summary>
    public bool Wants(string eventName, string? subclass)
    {
        lock (_gate)
        {
            if (!Authenticated)
            {
                return false;
            }
            if (_events.Contains("ALL"))
            {
                return true;
            }
            if (eventName == "CUSTOM")
            {
                return _events.Contains("CUSTOM") && (subclass is null || _subclasses.Contains(subclass));
            }
            return _events.Contains(eventName);
        }
    }

    public async Task WriteAsync(string text, CancellationToken cancellationToken = default)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Closes with a TCP reset, as a crashed or unplugged FreeSWITCH would look.</summary>
    public void Abort()
    {
        try
        {
            _socket.LingerState = new LingerOption(true, 0);
        }
        catch (ObjectDisposedException)
        {
            return;
        }
        _socket.Close();
    }

    /// <summary>Closes in order (FIN after everything written), as FreeSWITCH does after a disconnect notice.</summary>
    public void Close()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }
        _socket.Close();
    }

    public async ValueTask DisposeAsync()
    {
        await Reader.CompleteAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _writeLock.Dispose();
    }
}

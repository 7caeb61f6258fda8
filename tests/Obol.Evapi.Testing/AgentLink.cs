using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;

namespace Obol.Evapi.Testing;

/// <summary>One accepted agent connection on the fake evapi listener.</summary>
internal sealed class AgentLink : IAsyncDisposable
{
    private readonly NetworkStream _stream;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private Task _readLoop = Task.CompletedTask;

    public AgentLink(Socket socket) => _stream = new NetworkStream(socket, ownsSocket: true);

    public void Start(Func<AgentLink, ReadOnlySequence<byte>, Task> onPayload, Action<AgentLink> onClosed) =>
        _readLoop = Task.Run(() => ReadAsync(onPayload, onClosed));

    public async Task SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        await _readLoop.ConfigureAwait(false);
    }

    private async Task ReadAsync(Func<AgentLink, ReadOnlySequence<byte>, Task> onPayload, Action<AgentLink> onClosed)
    {
        var reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(leaveOpen: true));
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(_stop.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (Netstring.TryRead(ref buffer, out var payload))
                {
                    await onPayload(this, payload).ConfigureAwait(false);
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException
            or SocketException or EvapiProtocolException)
        {
            // Like evapi, the fake drops a client that breaks framing or goes away; the test sees the disconnect.
        }
        await reader.CompleteAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        onClosed(this);
    }
}

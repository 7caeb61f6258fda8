using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Obol.Api.JsonRpc.Tests;

/// <summary>A bare TCP peer that sends exact bytes and reads replies line by line, newline included.</summary>
internal sealed class RawClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    private RawClient(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
    }

    public static async Task<RawClient> ConnectAsync(IPEndPoint endPoint)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(endPoint);
        return new RawClient(socket);
    }

    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendAsync(byte[] bytes) => await _stream.WriteAsync(bytes).AsTask().WaitAsync(Guard.Timeout);

    /// <summary>The next reply with its trailing "\n", or null when the server closed the connection first.</summary>
    public async Task<string?> ReadReplyAsync()
    {
        var line = new List<byte>();
        while (true)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = await _stream.ReadAsync(_buffer).AsTask().WaitAsync(Guard.Timeout);
                if (_end == 0)
                {
                    return line.Count == 0 ? null : throw new IOException($"connection closed mid-reply: {Encoding.UTF8.GetString([.. line])}");
                }
            }
            var b = _buffer[_start++];
            line.Add(b);
            if (b == '\n')
            {
                return Encoding.UTF8.GetString([.. line]);
            }
        }
    }

    public async Task<List<string>> ReadRepliesAsync(int count)
    {
        var replies = new List<string>();
        for (var i = 0; i < count; i++)
        {
            replies.Add(await ReadReplyAsync() ?? throw new IOException($"connection closed after {i} of {count} replies"));
        }
        return replies;
    }

    /// <summary>True when the server has closed (FIN) or reset (a hard abort) the connection with nothing left to read.</summary>
    public async Task<bool> IsClosedByServerAsync()
    {
        try
        {
            return await ReadReplyAsync() is null;
        }
        catch (IOException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset })
        {
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _socket.Dispose();
    }
}

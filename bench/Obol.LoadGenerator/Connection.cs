using System.Buffers.Text;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Obol.LoadGenerator;

/// <summary>
/// One client connection keeping <c>depth</c> requests in flight (1 = a caller that waits for each answer) and
/// recording each round trip. Replies are matched by id, since the server answers in completion order. It is driven by
/// a <see cref="Poller"/> and never blocks: the generator shares the engine's cores, so its own CPU is kept small —
/// blocking calls on a few threads, and the requests a batch of replies frees sent in one write.
/// </summary>
internal sealed class Connection(int index, IPEndPoint server, int depth, Func<int, byte[]> request) : IPolled
{
    private const int Window = 4096;
    private readonly long[] _sentAt = new long[Window];
    private byte[] _prefix = [];
    private byte[] _outgoing = [];
    private byte[] _buffer = new byte[1 << 16];
    private int _filled;
    private long _nextId;
    private int _inFlight;

    public Socket Socket { get; } = new(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };

    public List<int> LatenciesMicros { get; } = new(1 << 16);

    public long Errors { get; private set; }

    public bool IsDone { get; private set; }

    public void Start(long stopAt)
    {
        Socket.Connect(server);
        _prefix = request(index);
        // Room for a full window of requests, each with its id (at most 20 digits) and closing brace.
        _outgoing = new byte[depth * (_prefix.Length + 21)];
        SendMore(stopAt);
    }

    public void OnReadable(long measureFrom, long stopAt)
    {
        var read = Socket.Receive(_buffer.AsSpan(_filled));
        if (read == 0)
        {
            throw new IOException("the server closed the connection");
        }
        _filled += read;
        var start = 0;
        int newline;
        while ((newline = _buffer.AsSpan(start, _filled - start).IndexOf((byte)'\n')) >= 0)
        {
            var line = _buffer.AsSpan(start, newline);
            var now = Stopwatch.GetTimestamp();
            // {"id":N,...
            if (Utf8Parser.TryParse(line[6..], out long id, out _))
            {
                if (now >= measureFrom)
                {
                    LatenciesMicros.Add((int)((now - _sentAt[id % Window]) * 1_000_000 / Stopwatch.Frequency));
                }
                if (line.IndexOf("\"error\":null"u8) < 0)
                {
                    Errors++;
                }
            }
            _inFlight--;
            start += newline + 1;
        }
        if (start > 0)
        {
            _buffer.AsSpan(start, _filled - start).CopyTo(_buffer);
            _filled -= start;
        }
        if (_filled == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        SendMore(stopAt);
    }

    private void SendMore(long stopAt)
    {
        var length = 0;
        var now = Stopwatch.GetTimestamp();
        while (_inFlight < depth && now < stopAt)
        {
            var id = _nextId++;
            _sentAt[id % Window] = now;
            _prefix.CopyTo(_outgoing, length);
            length += _prefix.Length;
            Utf8Formatter.TryFormat(id, _outgoing.AsSpan(length), out var digits);
            length += digits;
            _outgoing[length++] = (byte)'}';
            _inFlight++;
        }
        if (length > 0)
        {
            Socket.Send(_outgoing.AsSpan(0, length));
        }
        IsDone = _inFlight == 0;
    }
}

using System.Buffers.Text;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Obol.LoadGenerator;

/// <summary>
/// One client connection keeping <c>depth</c> requests in flight (1 = a caller that waits for each answer) and
/// recording each round trip. Replies are matched by id, since the server answers in completion order.
/// </summary>
internal sealed class Connection(int index, IPEndPoint server, int depth, Func<int, byte[]> request)
{
    private const int Window = 4096;
    private readonly long[] _sentAt = new long[Window];

    public List<int> LatenciesMicros { get; } = new(1 << 16);

    public long Errors { get; private set; }

    public async Task RunAsync(long measureFrom, long stopAt)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(server);
        var prefix = request(index);
        var outgoing = new byte[prefix.Length + 24];
        prefix.CopyTo(outgoing, 0);
        var buffer = new byte[1 << 16];
        var filled = 0;
        long nextId = 0;
        var inFlight = 0;
        while (true)
        {
            while (inFlight < depth && Stopwatch.GetTimestamp() < stopAt)
            {
                var id = nextId++;
                _sentAt[id % Window] = Stopwatch.GetTimestamp();
                Utf8Formatter.TryFormat(id, outgoing.AsSpan(prefix.Length), out var digits);
                outgoing[prefix.Length + digits] = (byte)'}';
                await socket.SendAsync(outgoing.AsMemory(0, prefix.Length + digits + 1));
                inFlight++;
            }
            if (inFlight == 0)
            {
                return;
            }
            var read = await socket.ReceiveAsync(buffer.AsMemory(filled));
            if (read == 0)
            {
                throw new IOException("the server closed the connection");
            }
            filled += read;
            var start = 0;
            int newline;
            while ((newline = Array.IndexOf(buffer, (byte)'\n', start, filled - start)) >= 0)
            {
                var line = buffer.AsSpan(start, newline - start);
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
                inFlight--;
                start = newline + 1;
            }
            if (start > 0)
            {
                Array.Copy(buffer, start, buffer, 0, filled - start);
                filled -= start;
            }
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
        }
    }
}
